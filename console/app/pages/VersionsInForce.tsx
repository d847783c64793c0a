import { useEffect, useState } from 'react';
import { labelOf, useT } from '../i18n';
import { Badge } from '../components/Badge';

/** What this origin's `/health` reports (gateway/server/healthRoute.ts); every key optional but `status`. */
interface Health {
  status: 'up' | 'degraded' | 'down';
  subgraphs?: Record<string, 'up' | 'down' | 'unknown'>;
  departments?: Record<string, { breaker?: string; process?: { state: string; restarts: number } }>;
  policies?: string | null;
  policyVersion?: number | null;
  policyStore?: string;
  policyError?: string;
  grantsVersion?: number;
  grantsError?: string;
}

const STATE_KIND: Record<string, 'ok' | 'warn' | 'bad' | 'muted'> = { up: 'ok', degraded: 'warn', down: 'bad', unknown: 'muted', closed: 'ok', open: 'bad', 'half-open': 'warn' };

/** The versions in force as the gateway's `/health` reports them: policies, grants and each department. */
export function VersionsInForce() {
  const t = useT();
  const [health, setHealth] = useState<Health | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch('/health', { credentials: 'omit' })
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth, () => setFailed(true));
  }, []);
  const departments = [...new Set([...Object.keys(health?.subgraphs ?? {}), ...Object.keys(health?.departments ?? {})])].sort();
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t.versionsTitle}</h2>
      {failed && <p className="note note-error">{t.healthUnavailable}</p>}
      {health && (
        <>
          <dl className="facts">
            <div>
              <dt>{t.health}</dt>
              <dd>
                <Badge kind={STATE_KIND[health.status] ?? 'muted'}>{labelOf(t, 'state_', health.status)}</Badge>
              </dd>
            </div>
            <div>
              <dt>{t.policies}</dt>
              <dd className="mono">{health.policies ?? t.none}</dd>
            </div>
            <div>
              <dt>{t.publishedVersion}</dt>
              <dd>{health.policyVersion ?? t.none}</dd>
            </div>
            {health.policyStore && (
              <div>
                <dt>{t.policyStore}</dt>
                <dd>{health.policyStore}</dd>
              </div>
            )}
            {health.policyError && (
              <div>
                <dt>{t.policyError}</dt>
                <dd className="note-error">{health.policyError}</dd>
              </div>
            )}
            <div>
              <dt>{t.grantsVersion}</dt>
              <dd>
                {health.grantsVersion ?? t.none}
                {health.grantsError && <span className="sub note-error">{health.grantsError}</span>}
              </dd>
            </div>
          </dl>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.departments}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t.departments}</th>
                  <th scope="col">{t.state}</th>
                  <th scope="col">{t.breaker}</th>
                  <th scope="col">{t.process}</th>
                </tr>
              </thead>
              <tbody>
                {departments.map((name) => {
                  const status = health.subgraphs?.[name];
                  const report = health.departments?.[name];
                  return (
                    <tr key={name}>
                      <th scope="row">{labelOf(t, 'dept_', name)}</th>
                      <td>{status && <Badge kind={STATE_KIND[status] ?? 'muted'}>{labelOf(t, 'state_', status)}</Badge>}</td>
                      <td>{report?.breaker && <Badge kind={STATE_KIND[report.breaker] ?? 'muted'}>{labelOf(t, 'breaker_', report.breaker)}</Badge>}</td>
                      <td>{report?.process && `${report.process.state} · ${t.restarts} ${report.process.restarts}`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
