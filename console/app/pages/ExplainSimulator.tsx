import { useState } from 'react';
import type { GraphQLErrorShape } from '../../shared/graphql';
import { DEPARTMENTS, PURPOSES } from '../../shared/vocabulary';
import { labelOf, useT } from '../i18n';
import { useRequest } from '../components/useGraphQL';
import { submitting } from '../components/submitting';
import { ErrorNote } from '../components/ErrorNote';
import { AccessBadge } from '../components/Badge';

const EXPLAIN = `query Explain($query: String!, $reader: ReaderInput!, $purpose: String, $caseId: ID) {
  explainAccess(query: $query, reader: $reader, purpose: $purpose, caseId: $caseId) {
    valid errors purpose
    fields { coordinate path department access mask ownRecord caseParties grant rule }
  }
}`;

interface Explanation {
  valid: boolean;
  errors: string[];
  purpose: string | null;
  fields: {
    coordinate: string;
    path: string;
    department: string;
    access: string;
    mask: string | null;
    ownRecord: string | null;
    caseParties: string | null;
    grant: string | null;
    rule: string;
  }[];
}

const EXAMPLE = `query {
  person(idNumber: "110101194001291942") {
    name
    phone
    householdAddress
  }
}`;

/** For a query and a described reader, purpose and case: each field with the decision and the rule (`explainAccess`). */
export function ExplainSimulator() {
  const t = useT();
  const request = useRequest();
  const [query, setQuery] = useState(EXAMPLE);
  const [roles, setRoles] = useState('reviewer');
  const [dept, setDept] = useState('market');
  const [clearance, setClearance] = useState('2');
  const [sub, setSub] = useState('');
  const [purpose, setPurpose] = useState('application-review');
  const [caseId, setCaseId] = useState('');
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  return (
    <section className="panel" aria-labelledby="explain-title">
      <h2 id="explain-title">{t.explainTitle}</h2>
      <p>{t.explainIntro}</p>
      <form
        className="form"
        onSubmit={submitting(async () => {
          const reader = {
            roles: roles
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
            dept: dept || null,
            clearance: Number(clearance),
            sub: sub.trim() || null,
          };
          const result = await request<{ explainAccess: Explanation | null }>(EXPLAIN, { query, reader, purpose: purpose || null, caseId: caseId.trim() || null });
          setErrors(result.errors);
          setExplanation(result.data?.explainAccess ?? null);
        })}
      >
        <label>
          {t.query}
          <textarea className="mono" rows={7} value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} required />
        </label>
        <div className="row">
          <label>
            {t.readerRoles}
            <input value={roles} onChange={(e) => setRoles(e.target.value)} required />
          </label>
          <label>
            {t.readerDept}
            <select value={dept} onChange={(e) => setDept(e.target.value)}>
              <option value="">{t.none}</option>
              {DEPARTMENTS.map((d) => (
                <option key={d} value={d}>
                  {labelOf(t, 'dept_', d)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.readerClearance}
            <select value={clearance} onChange={(e) => setClearance(e.target.value)}>
              {[1, 2, 3, 4].map((c) => (
                <option key={c} value={c}>
                  {labelOf(t, 'sensitivity_', c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.readerSub}
            <input value={sub} onChange={(e) => setSub(e.target.value)} />
          </label>
          <label>
            {t.purpose}
            <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
              <option value="">{t.purposeNone}</option>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.caseId}
            <input value={caseId} onChange={(e) => setCaseId(e.target.value)} />
          </label>
        </div>
        <button type="submit" className="primary">
          {t.explain}
        </button>
      </form>
      <ErrorNote errors={errors} />
      {explanation && !explanation.valid && (
        <div className="note note-error" role="alert">
          {t.invalidQuery}
          <ul>
            {explanation.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {explanation?.valid && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.explainTitle}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.path}</th>
                <th scope="col">{t.department}</th>
                <th scope="col">{t.decision}</th>
                <th scope="col">{t.rule}</th>
              </tr>
            </thead>
            <tbody>
              {explanation.fields.map((f) => (
                <tr key={f.path}>
                  <th scope="row" className="mono">
                    {f.coordinate}
                  </th>
                  <td className="mono">{f.path}</td>
                  <td className="nowrap">{labelOf(t, 'dept_', f.department)}</td>
                  <td>
                    <AccessBadge access={f.access} mask={f.mask} />
                    {f.ownRecord && (
                      <span className="sub">
                        {t.ownRecord}: {labelOf(t, 'access_', f.ownRecord)}
                      </span>
                    )}
                    {f.caseParties && (
                      <span className="sub">
                        {t.caseParties}: {labelOf(t, 'access_', f.caseParties)}
                      </span>
                    )}
                    {f.grant && <span className="sub mono">{f.grant}</span>}
                  </td>
                  <td className="mono rule">{f.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
