import { useEffect, useState } from 'react';
import { graphql } from '../../shared/graphql';
import { labelOf, useT } from '../i18n';
import { useSession } from '../session';
import { Loading } from '../components/ErrorNote';
import { Badge } from '../components/Badge';
import { formatTime } from '../format';

/** Each department's disclosure log of the signed-in resident (without `subject`: their own). */
const LOGS = [
  { department: 'population', field: 'myDisclosures' },
  { department: 'market', field: 'marketDisclosures' },
  { department: 'licenses', field: 'licensesDisclosures' },
  { department: 'services', field: 'servicesDisclosures' },
  { department: 'hrss', field: 'hrssDisclosures' },
  { department: 'fund', field: 'fundDisclosures' },
  { department: 'civil', field: 'civilDisclosures' },
] as const;

const DISCLOSURE = 'disclosedAt requestId department recordType recordKey reader { sub roles dept } purpose caseId masked fields fromCache action';

interface Disclosure {
  disclosedAt: string;
  requestId: string;
  department: string;
  recordType: string;
  recordKey: string;
  reader: { sub: string | null; roles: string[]; dept: string | null };
  purpose: string | null;
  caseId: string | null;
  masked: boolean;
  fields: string[];
  fromCache: boolean;
  action: 'READ' | 'WRITE';
}

/** My data: who read or changed the resident's records, across every department's log, newest first. Each log is asked on its own: one that fails is named, the rest still show. */
export function MyData() {
  const t = useT();
  const { session } = useSession();
  const [entries, setEntries] = useState<Disclosure[] | null>(null);
  const [unanswered, setUnanswered] = useState<{ department: string; reason: string }[]>([]);
  useEffect(() => {
    let current = true;
    Promise.all(
      LOGS.map(async ({ department, field }) => {
        const result = await graphql<Record<string, { edges: { node: Disclosure }[] } | null>>(
          session,
          `query ${field} { ${field}(first: 50) { edges { node { ${DISCLOSURE} } } } }`,
        );
        const log = result.data?.[field];
        if (!log) {
          const reason = result.errors.some((e) => e.extensions?.code === 'FORBIDDEN') ? t.notPermitted : (result.errors[0]?.message ?? `HTTP ${result.status}`);
          return { department, entries: [] as Disclosure[], reason };
        }
        return { department, entries: log.edges.map((e) => e.node), reason: null };
      }),
    ).then((answers) => {
      if (!current) return;
      setEntries(answers.flatMap((a) => a.entries).sort((a, b) => b.disclosedAt.localeCompare(a.disclosedAt)));
      setUnanswered(answers.filter((a) => a.reason !== null).map((a) => ({ department: a.department, reason: a.reason! })));
    });
    return () => {
      current = false;
    };
  }, [session, t]);
  return (
    <section aria-labelledby="my-data-title">
      <h1 id="my-data-title">{t.myDataTitle}</h1>
      <p className="intro">{t.myDataIntro}</p>
      {entries === null && <Loading />}
      {unanswered.length > 0 && (
        <div className="note note-warn" role="status">
          <p>{t.couldNotAnswer}</p>
          <ul>
            {unanswered.map((u) => (
              <li key={u.department}>
                <strong>{labelOf(t, 'dept_', u.department)}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {entries && entries.length === 0 && <p>{t.noDisclosures}</p>}
      {entries && entries.length > 0 && (
        <>
          <p className="count">{t.entries(entries.length)}</p>
          <ol className="timeline">
            {entries.map((d) => (
              <li key={`${d.department}-${d.requestId}-${d.recordType}-${d.recordKey}`} className={`event event-${d.action.toLowerCase()}`}>
                <p className="event-head">
                  <time dateTime={d.disclosedAt}>{formatTime(t, d.disclosedAt)}</time>{' '}
                  <Badge kind={d.action === 'WRITE' ? 'warn' : 'info'}>{labelOf(t, 'action_', d.action)}</Badge> <strong>{labelOf(t, 'dept_', d.department)}</strong>
                </p>
                <dl className="facts">
                  <div>
                    <dt>{t.who}</dt>
                    <dd>
                      <span className="mono">{d.reader.sub ?? '—'}</span>
                      {d.reader.dept && ` · ${labelOf(t, 'dept_', d.reader.dept)}`}
                      {d.reader.roles.length > 0 && ` · ${d.reader.roles.join(', ')}`}
                    </dd>
                  </div>
                  <div>
                    <dt>{t.purpose}</dt>
                    <dd>
                      {d.purpose ?? t.purposeNone}
                      {d.caseId && ` · ${t.caseId} ${d.caseId}`}
                    </dd>
                  </div>
                  <div>
                    <dt>{t.record}</dt>
                    <dd>
                      {d.recordType} · {t.fields}: <span className="mono">{d.fields.join(', ')}</span>
                      {d.masked && (
                        <>
                          {' '}
                          <Badge kind="muted">{t.masked}</Badge>
                        </>
                      )}
                      {d.fromCache && (
                        <>
                          {' '}
                          <Badge kind="muted">{t.fromCache}</Badge>
                        </>
                      )}
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
