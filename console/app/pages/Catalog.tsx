import { useMemo, useState } from 'react';
import { PROVIDING_DEPARTMENTS } from '../../shared/vocabulary';
import { labelOf, useT } from '../i18n';
import { useQuery } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { AccessBadge, Badge } from '../components/Badge';
import { ApplyForm } from './ApplyForm';

const CATALOG = `query Catalog($department: String, $sharingType: SharingType, $search: String, $after: String) {
  catalog(department: $department, sharingType: $sharingType, search: $search, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { coordinate resourceName resourceCode department description dataType sharingType sensitivity updateCycle openToPublic readers } }
  }
}`;
const MY_ACCESS = `query MyAccess($department: String) { myAccess(department: $department) { coordinate access mask ownRecord caseParties applicable grants { id } } }`;

interface Entry {
  coordinate: string;
  resourceName: string;
  resourceCode: string;
  department: string;
  description: string;
  dataType: string;
  sharingType: string;
  sensitivity: number;
  updateCycle: string;
  openToPublic: boolean;
  readers: string;
}
interface CatalogAnswer {
  catalog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Entry }[] } | null;
}
interface MyAccess {
  coordinate: string;
  access: string;
  mask: string | null;
  ownRecord: string | null;
  caseParties: string | null;
  applicable: boolean;
  grants: { id: string }[];
}

/** The data catalog: search, filters and pages; what the signed-in person may read of each field and why; applying for conditional fields. */
export function Catalog() {
  const t = useT();
  const [draft, setDraft] = useState({ search: '', department: '', sharingType: '', sensitivity: '' });
  const [filter, setFilter] = useState(draft);
  /** The cursors of the pages before this one ([] on the first page). */
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const after = cursors.length ? cursors[cursors.length - 1] : null;
  const [selected, setSelected] = useState<string[]>([]);
  const [applied, setApplied] = useState<string | null>(null);
  const variables = { department: filter.department || null, sharingType: filter.sharingType || null, search: filter.search.trim() || null, after };
  const catalog = useQuery<CatalogAnswer>(CATALOG, variables);
  const mine = useQuery<{ myAccess: MyAccess[] | null }>(MY_ACCESS, { department: filter.department || null });
  const access = useMemo(() => new Map((mine.data?.myAccess ?? []).map((a) => [a.coordinate, a])), [mine.data]);
  const page = catalog.data?.catalog;
  const entries = (page?.edges ?? []).map((e) => e.node).filter((e) => !filter.sensitivity || String(e.sensitivity) === filter.sensitivity);

  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">{t.catalogTitle}</h1>
      <p className="intro">{t.catalogIntro}</p>
      <form
        className="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
          setCursors([]);
        }}
      >
        <label>
          {t.search}
          <input type="search" value={draft.search} placeholder={t.searchHint} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </label>
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
        <label>
          {t.sharingType}
          <select value={draft.sharingType} onChange={(e) => setDraft({ ...draft, sharingType: e.target.value })}>
            <option value="">{t.all}</option>
            {['UNCONDITIONAL', 'CONDITIONAL', 'NONE'].map((s) => (
              <option key={s} value={s}>
                {labelOf(t, 'sharing_', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.sensitivity}
          <select value={draft.sensitivity} onChange={(e) => setDraft({ ...draft, sensitivity: e.target.value })}>
            <option value="">{t.all}</option>
            {[1, 2, 3, 4].map((s) => (
              <option key={s} value={s}>
                {labelOf(t, 'sensitivity_', s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t.filter}
        </button>
      </form>

      <ErrorNote errors={catalog.errors} />
      {catalog.loading && !page && <Loading />}
      {page && (
        <>
          <p className="count" aria-live="polite">
            {t.totalFields(page.totalCount)}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t.catalogTitle}>
            <table className="data">
              <caption className="visually-hidden">{t.catalogTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.select}</th>
                  <th scope="col">{t.field}</th>
                  <th scope="col">{t.department}</th>
                  <th scope="col">{t.sharingType}</th>
                  <th scope="col">{t.sensitivity}</th>
                  <th scope="col">{t.readers}</th>
                  <th scope="col">{t.myAccess}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => {
                  const mineOf = access.get(entry.coordinate);
                  return (
                    <tr key={entry.coordinate}>
                      <td>
                        {mineOf?.applicable && (
                          <input
                            type="checkbox"
                            aria-label={t.selectField(entry.coordinate)}
                            checked={selected.includes(entry.coordinate)}
                            onChange={(e) => setSelected(e.target.checked ? [...selected, entry.coordinate] : selected.filter((c) => c !== entry.coordinate))}
                          />
                        )}
                      </td>
                      <th scope="row">
                        <span className="mono">{entry.coordinate}</span>
                        <span className="sub">
                          {entry.resourceName} · {entry.resourceCode}
                        </span>
                        <span className="sub">{entry.description}</span>
                      </th>
                      <td className="nowrap">{labelOf(t, 'dept_', entry.department)}</td>
                      <td>
                        <Badge kind={entry.sharingType === 'UNCONDITIONAL' ? 'ok' : entry.sharingType === 'CONDITIONAL' ? 'info' : 'muted'}>
                          {labelOf(t, 'sharing_', entry.sharingType)}
                        </Badge>
                      </td>
                      <td>{labelOf(t, 'sensitivity_', entry.sensitivity)}</td>
                      <td className="readers">{entry.readers}</td>
                      <td>
                        {mineOf ? (
                          <>
                            <AccessBadge access={mineOf.access} mask={mineOf.mask} />
                            {mineOf.ownRecord && (
                              <span className="sub">
                                {t.ownRecord}: <AccessBadge access={mineOf.ownRecord} />
                              </span>
                            )}
                            {mineOf.caseParties && (
                              <span className="sub">
                                {t.caseParties}: <AccessBadge access={mineOf.caseParties} />
                              </span>
                            )}
                            {mineOf.grants.length > 0 && <span className="sub">{t.grantsInForce(mineOf.grants.length)}</span>}
                            {mineOf.applicable && <span className="sub">{t.canApply}</span>}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button type="button" disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t.previousPage}
            </button>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, page.pageInfo.endCursor])}>
              {t.nextPage}
            </button>
          </div>
        </>
      )}
      <ErrorNote errors={mine.errors} />
      {applied && (
        <p className="note note-ok" role="status">
          {t.applied(applied)}
        </p>
      )}
      {selected.length > 0 && (
        <ApplyForm
          coordinates={selected}
          onApplied={(ids) => {
            setApplied(ids);
            setSelected([]);
            mine.reload();
          }}
        />
      )}
    </section>
  );
}
