import { useEffect, useState } from 'react';
import { graphql, isForbidden } from '../../shared/graphql';
import { labelOf, useT } from '../i18n';
import { useSession } from '../session';
import { Badge } from '../components/Badge';
import { formatTime } from '../format';
import { ApplicationUpdates } from './ApplicationUpdates';

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
  action: 'READ' | 'WRITE' | 'STATISTICS';
}

type LogState = { state: 'waiting' } | { state: 'answered'; entries: Disclosure[] } | { state: 'failed'; reason: string };

/**
 * My data: who read or changed the resident's records, across every department's log, newest
 * first. Each log is asked on its own and shown as it answers: a department that fails or is slow
 * is named, and the others still show.
 */
export function MyData() {
  const t = useT();
  const { session } = useSession();
  const [logs, setLogs] = useState<Record<string, LogState>>(() => Object.fromEntries(LOGS.map(({ department }) => [department, { state: 'waiting' }])));
  useEffect(() => {
    let current = true;
    for (const { department, field } of LOGS) {
      void graphql<Record<string, { edges: { node: Disclosure }[] } | null>>(session, `query ${field} { ${field}(first: 50) { edges { node { ${DISCLOSURE} } } } }`).then(
        (result) => {
          if (!current) return;
          const log = result.data?.[field];
          const state: LogState = log
            ? { state: 'answered', entries: log.edges.map((e) => e.node) }
            : { state: 'failed', reason: isForbidden(result.errors) ? t.notPermitted : (result.errors[0]?.message ?? `HTTP ${result.status}`) };
          setLogs((previous) => ({ ...previous, [department]: state }));
        },
      );
    }
    return () => {
      current = false;
    };
  }, [session, t]);
  const states = Object.entries(logs);
  const waiting = states.filter(([, log]) => log.state === 'waiting').map(([department]) => department);
  const unanswered = states.flatMap(([department, log]) => (log.state === 'failed' ? [{ department, reason: log.reason }] : []));
  const answered = states.some(([, log]) => log.state === 'answered');
  const entries = answered ? states.flatMap(([, log]) => (log.state === 'answered' ? log.entries : [])).sort((a, b) => b.disclosedAt.localeCompare(a.disclosedAt)) : null;
  return (
    <section aria-labelledby="my-data-title">
      <h1 id="my-data-title">{t.myDataTitle}</h1>
      <p className="intro">{t.myDataIntro}</p>
      {waiting.length > 0 && (
        <p className="loading" role="status">
          {t.loading} {t.waitingFor} {waiting.map((d) => labelOf(t, 'dept_', d)).join('、')}
        </p>
      )}
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
                      {d.action === 'STATISTICS' && <span className="statistics-note">{t.countedInStatistics} </span>}
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
      <ApplicationUpdates />
    </section>
  );
}
