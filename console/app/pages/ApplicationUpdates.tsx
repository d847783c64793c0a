import { labelOf, useT } from '../i18n';
import { useQuery } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { Badge } from '../components/Badge';
import { formatTime } from '../format';

const UPDATES = `query MyApplicationUpdates { myApplicationUpdates(first: 50) { updates { at kind status application { id status item { name } } } } }`;

interface Update {
  at: string;
  kind: 'STATUS' | 'WRITE_BACK';
  status: string | null;
  application: { id: string; status: string; item: { name: string } };
}

/** The resident's own service applications as they moved, newest first (the service platform answers on its own: a failure shows here only). */
export function ApplicationUpdates() {
  const t = useT();
  const updates = useQuery<{ myApplicationUpdates: { updates: Update[] } | null }>(UPDATES);
  const list = [...(updates.data?.myApplicationUpdates?.updates ?? [])].reverse();
  return (
    <section aria-labelledby="updates-title">
      <h2 id="updates-title">{t.updatesTitle}</h2>
      <ErrorNote errors={updates.errors} />
      {updates.loading && !updates.data && <Loading />}
      {updates.data?.myApplicationUpdates && list.length === 0 && <p>{t.noUpdates}</p>}
      {list.length > 0 && (
        <ul className="updates">
          {list.map((u, i) => (
            <li key={i}>
              <time dateTime={u.at}>{formatTime(t, u.at)}</time> · <span className="mono">{u.application.id}</span> {u.application.item.name} ·{' '}
              {u.kind === 'STATUS' ? <Badge kind="info">{labelOf(t, 'appStatus_', u.status)}</Badge> : <Badge kind="muted">{t.writeBack}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
