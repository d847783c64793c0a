import { useState } from 'react';
import { PROVIDING_DEPARTMENTS } from '../../shared/vocabulary';
import { labelOf, useT } from '../i18n';
import { useQuery } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { AccessBadge } from '../components/Badge';
import { ExplainSimulator } from './ExplainSimulator';

const MATRIX = `query Matrix($department: String) { accessMatrix(department: $department) {
  policyVersion
  readers { key label }
  rows { coordinate department sensitivity sharingType cells { reader access mask ownRecord text } }
} }`;

interface Matrix {
  policyVersion: string;
  readers: { key: string; label: string }[];
  rows: {
    coordinate: string;
    department: string;
    sensitivity: number;
    sharingType: string;
    cells: { reader: string; access: string; mask: string | null; ownRecord: string | null; text: string }[];
  }[];
}

/** Who sees what: the access matrix, fields × reader classes, filterable; and the explain simulator. */
export function WhoSeesWhat() {
  const t = useT();
  const [department, setDepartment] = useState('');
  const [text, setText] = useState('');
  const [reader, setReader] = useState('');
  const matrix = useQuery<{ accessMatrix: Matrix | null }>(MATRIX, { department: department || null });
  const m = matrix.data?.accessMatrix;
  const readers = (m?.readers ?? []).filter((r) => !reader || r.key === reader);
  const needle = text.trim().toLowerCase();
  const rows = (m?.rows ?? []).filter((row) => !needle || row.coordinate.toLowerCase().includes(needle));
  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">{t.accessTitle}</h1>
      <p className="intro">{t.accessIntro}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.department}
          <select value={department} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t.all}</option>
            {PROVIDING_DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {labelOf(t, 'dept_', d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.fieldText}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          {t.readerClass}
          <select value={reader} onChange={(e) => setReader(e.target.value)}>
            <option value="">{t.all}</option>
            {(m?.readers ?? []).map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote errors={matrix.errors} />
      {matrix.loading && !m && <Loading />}
      {m && (
        <>
          <p className="count" aria-live="polite">
            {t.rowsShown(rows.length, m.rows.length)} · {t.policyVersion} <span className="mono">{m.policyVersion.slice(0, 12)}</span>
          </p>
          <div className="table-wrap table-tall" tabIndex={0} role="region" aria-label={t.accessTitle}>
            <table className="data matrix">
              <thead>
                <tr>
                  <th scope="col">{t.field}</th>
                  {readers.map((r) => (
                    <th scope="col" key={r.key}>
                      {r.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const cells = new Map(row.cells.map((c) => [c.reader, c]));
                  return (
                    <tr key={row.coordinate}>
                      <th scope="row">
                        <span className="mono">{row.coordinate}</span>
                        <span className="sub">
                          {labelOf(t, 'dept_', row.department)} · {labelOf(t, 'sharing_', row.sharingType)} · {labelOf(t, 'sensitivity_', row.sensitivity)}
                        </span>
                      </th>
                      {readers.map((r) => {
                        const cell = cells.get(r.key);
                        return (
                          <td key={r.key} title={cell?.text}>
                            {cell && <AccessBadge access={cell.access} mask={cell.mask} />}
                            {cell?.ownRecord && (
                              <span className="sub">
                                {t.ownRecord}: {labelOf(t, 'access_', cell.ownRecord)}
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ExplainSimulator />
    </section>
  );
}
