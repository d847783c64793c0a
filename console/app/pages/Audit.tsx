import { useState } from 'react';
import { PROVIDING_DEPARTMENTS, PURPOSES } from '../../shared/vocabulary';
import { labelOf, useT } from '../i18n';
import { useQuery } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { AccessBadge, Badge } from '../components/Badge';
import { dateInDays, formatTime } from '../format';

const CHAIN = `query Chain { auditChain { ok records source problem lastAt checkedAt } }`;
const RECORDS = `query Records($filter: AuditRecordFilter!, $first: Int) { auditRecords(filter: $filter, first: $first) {
  requestId at reader roles department purpose caseId operationType operationName outcome codes departments
  decisions { coordinate decision mask grant }
} }`;

interface Chain {
  ok: boolean;
  records: number;
  source: string;
  problem: string | null;
  lastAt: string | null;
  checkedAt: string;
}
interface AuditRecord {
  requestId: string;
  at: string;
  reader: string | null;
  roles: string[];
  department: string | null;
  purpose: string | null;
  caseId: string | null;
  operationType: string | null;
  operationName: string | null;
  outcome: string;
  codes: string[];
  departments: string[];
  decisions: { coordinate: string; decision: string; mask: string | null; grant: string | null }[];
}

const EMPTY = { since: dateInDays(-7), until: '', reader: '', department: '', coordinate: '', decision: '', subject: '', purpose: '', first: '50' };

/** Audit: whether the ledger's chain holds, and its records by filter. */
export function Audit() {
  const t = useT();
  const chain = useQuery<{ auditChain: Chain | null }>(CHAIN);
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState(EMPTY);
  const { first, ...rest } = filter;
  const records = useQuery<{ auditRecords: AuditRecord[] | null }>(RECORDS, {
    filter: Object.fromEntries(Object.entries(rest).filter(([, value]) => value.trim() !== '')),
    first: Number(first) || 50,
  });
  const c = chain.data?.auditChain;
  const text = (key: keyof typeof EMPTY, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} required={key === 'since'} />
    </label>
  );
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.auditTitle}</h1>
      <p className="intro">{t.auditIntro}</p>
      <section className="panel" aria-labelledby="chain-title">
        <h2 id="chain-title">{t.chainTitle}</h2>
        <ErrorNote errors={chain.errors} />
        {chain.loading && !c && <Loading />}
        {c && (
          <dl className="facts">
            <div>
              <dt>{t.state}</dt>
              <dd>{c.ok ? <Badge kind="ok">{t.chainOk}</Badge> : <Badge kind="bad">{t.chainProblem}</Badge>}</dd>
            </div>
            {c.problem && (
              <div>
                <dt>{t.chainProblem}</dt>
                <dd>{c.problem}</dd>
              </div>
            )}
            <div>
              <dt>{t.records}</dt>
              <dd>{c.records}</dd>
            </div>
            <div>
              <dt>{t.source}</dt>
              <dd className="mono">{c.source}</dd>
            </div>
            <div>
              <dt>{t.lastRecord}</dt>
              <dd>{formatTime(t, c.lastAt) || t.none}</dd>
            </div>
            <div>
              <dt>{t.checkedAt}</dt>
              <dd>{formatTime(t, c.checkedAt)}</dd>
            </div>
          </dl>
        )}
      </section>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        {text('since', t.since, 'date')}
        {text('until', t.until, 'date')}
        {text('reader', t.reader)}
        <label>
          {t.department}
          <select value={draft.department} onChange={(e) => setDraft({ ...draft, department: e.target.value })}>
            <option value="">{t.all}</option>
            {PROVIDING_DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {labelOf(t, 'dept_', d)}
              </option>
            ))}
          </select>
        </label>
        {text('coordinate', t.coordinate)}
        <label>
          {t.decision}
          <select value={draft.decision} onChange={(e) => setDraft({ ...draft, decision: e.target.value })}>
            <option value="">{t.all}</option>
            {['ALLOW', 'MASK', 'DENY'].map((d) => (
              <option key={d} value={d}>
                {labelOf(t, 'access_', d)}
              </option>
            ))}
          </select>
        </label>
        {text('subject', t.subject)}
        <label>
          {t.purpose}
          <select value={draft.purpose} onChange={(e) => setDraft({ ...draft, purpose: e.target.value })}>
            <option value="">{t.all}</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        {text('first', t.first, 'number')}
        <button type="submit" className="primary">
          {t.search2}
        </button>
      </form>
      <ErrorNote errors={records.errors} />
      {records.loading && !records.data && <Loading />}
      {records.data?.auditRecords && records.data.auditRecords.length === 0 && <p>{t.noRecords}</p>}
      {records.data?.auditRecords && records.data.auditRecords.length > 0 && (
        <div className="table-wrap table-tall" tabIndex={0} role="region" aria-label={t.auditTitle}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.at}</th>
                <th scope="col">{t.reader}</th>
                <th scope="col">{t.purpose}</th>
                <th scope="col">{t.operation}</th>
                <th scope="col">{t.outcome}</th>
                <th scope="col">{t.departments}</th>
                <th scope="col">{t.decisions}</th>
              </tr>
            </thead>
            <tbody>
              {records.data.auditRecords.map((r) => (
                <tr key={r.requestId}>
                  <th scope="row">
                    {formatTime(t, r.at)}
                    <span className="sub mono">{r.requestId}</span>
                  </th>
                  <td>
                    <span className="mono">{r.reader ?? '—'}</span>
                    <span className="sub">
                      {r.roles.join(', ')}
                      {r.department && ` · ${labelOf(t, 'dept_', r.department)}`}
                    </span>
                  </td>
                  <td>
                    {r.purpose ?? '—'}
                    {r.caseId && <span className="sub mono">{r.caseId}</span>}
                  </td>
                  <td>
                    {r.operationType ?? ''} {r.operationName ?? ''}
                  </td>
                  <td>
                    <Badge kind={r.outcome === 'ok' ? 'ok' : r.outcome === 'errors' ? 'warn' : 'bad'}>{labelOf(t, 'outcome_', r.outcome)}</Badge>
                    {r.codes.length > 0 && <span className="sub mono">{r.codes.join(', ')}</span>}
                  </td>
                  <td className="nowrap">
                    {r.departments.map((d) => (
                      <span key={d} className="sub">
                        {labelOf(t, 'dept_', d)}
                      </span>
                    ))}
                  </td>
                  <td>
                    <ul className="decisions">
                      {r.decisions.map((d, i) => (
                        <li key={i}>
                          <span className="mono">{d.coordinate}</span> <AccessBadge access={d.decision} mask={d.mask} />
                          {d.grant && <span className="mono"> {d.grant}</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
