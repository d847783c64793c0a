import { useEffect, useState, type ReactNode } from 'react';
import { isForbidden, type GraphQLErrorShape } from '../../shared/graphql';
import { GROUP_TOO_SMALL, PRIVACY_BUDGET_EXHAUSTED } from '../../shared/errorCodes';
import { labelOf, useT, type Dictionary } from '../i18n';
import { useQuery } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { formatTime } from '../format';

const SERVICE = `query ServiceStatistics($from: String!, $to: String!, $groupBy: [ServiceGroupBy!]!, $divisionLevel: DivisionLevel) {
  serviceStatistics(from: $from, to: $to, groupBy: $groupBy, divisionLevel: $divisionLevel) {
    asOf minGroupSize noise { epsilon bound95 }
    groups { key { dimension value label } suppressed applications overdue meanRating ratingDistribution }
  }
}`;
const COVERAGE = `query LicenceCoverage($kind: String!, $divisionLevel: DivisionLevel) {
  licensedEnterpriseShare(kind: $kind, divisionLevel: $divisionLevel) {
    asOf minGroupSize noise { epsilon bound95 }
    groups { key { dimension value label } suppressed enterprises licensed share }
  }
}`;
const BUDGET = `query AnalysisBudget { myAnalysisBudget { epsilonLimit epsilonSpent epsilonRemaining resetsAt } }`;

const GROUP_BY = ['ITEM', 'HANDLING_DEPARTMENT', 'MONTH', 'DIVISION', 'AGE_BAND'] as const;
const LEVELS = ['COUNTY', 'CITY', 'PROVINCE'] as const;
const KINDS = ['FOOD_OPERATION_PERMIT', 'BUSINESS_LICENSE'] as const;
/** Bars drawn at most (the table lists every group). */
const TOP = 10;

interface Noise {
  epsilon: number;
  bound95: number;
}
interface Key {
  dimension: string;
  value: string | null;
  label: string | null;
}
interface ServiceGroup {
  key: Key[];
  suppressed: boolean;
  applications: number | null;
  overdue: number | null;
  meanRating: number | null;
  ratingDistribution: number[] | null;
}
interface Figures<G> {
  asOf: string;
  minGroupSize: number;
  noise: Noise | null;
  groups: G[];
}
interface CoverageGroup {
  key: Key[];
  suppressed: boolean;
  enterprises: number | null;
  licensed: number | null;
  share: number | null;
}
interface Budget {
  epsilonLimit: number | null;
  epsilonSpent: number | null;
  epsilonRemaining: number | null;
  resetsAt: string;
}

/** One bar of a chart: a value drawn, or a group withheld (drawn as no bar, said in words). */
interface Bar {
  id: string;
  label: string;
  /** 0..max; null for a suppressed group. */
  value: number | null;
  text: string;
}

const yearNow = () => String(new Date().getFullYear());
/** A group's name: a department's in the reader's language, a value not known said so, else the label the answer gives or the value. */
const keyLabel = (t: Dictionary, key: Key[]) =>
  key.map((k) => (k.value === null ? t.statsUnknown : k.dimension === 'HANDLING_DEPARTMENT' ? labelOf(t, 'dept_', k.value) : (k.label ?? k.value))).join(' · ');
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Statistics: service performance and licence coverage, as charts with their tables, for analysts and managers. */
export function Statistics() {
  const t = useT();
  const year = yearNow();
  const initial = {
    from: `${year}-01`,
    to: `${year}-12`,
    groupBy: 'ITEM' as (typeof GROUP_BY)[number],
    divisionLevel: 'COUNTY' as (typeof LEVELS)[number],
    kind: 'FOOD_OPERATION_PERMIT',
  };
  const [draft, setDraft] = useState(initial);
  const [asked, setAsked] = useState(initial);
  const grouped = useQuery<{ serviceStatistics: Figures<ServiceGroup> | null }>(SERVICE, {
    from: asked.from,
    to: asked.to,
    groupBy: [asked.groupBy],
    divisionLevel: asked.divisionLevel,
  });
  const monthly = useQuery<{ serviceStatistics: Figures<ServiceGroup> | null }>(SERVICE, {
    from: asked.from,
    to: asked.to,
    groupBy: ['MONTH'],
    divisionLevel: asked.divisionLevel,
  });
  const coverage = useQuery<{ licensedEnterpriseShare: (Figures<CoverageGroup> & { kind: string }) | null }>(COVERAGE, {
    kind: asked.kind,
    divisionLevel: asked.divisionLevel,
  });
  const budget = useQuery<{ myAnalysisBudget: Budget | null }>(BUDGET);
  // A noised figure spends budget: read it again once the figures have come.
  const settled = !grouped.loading && !monthly.loading && !coverage.loading;
  useEffect(() => {
    if (settled) budget.reload();
  }, [settled, budget.reload]);
  const groupName = labelOf(t, 'statsGroupBy_', asked.groupBy);
  const suppressedText = (n: number) => t.statsSuppressed(n);

  const service = grouped.data?.serviceStatistics;
  const overdueBars: Bar[] = (service?.groups ?? [])
    .map((g) => {
      const share = g.suppressed || !g.applications ? null : (g.overdue ?? 0) / g.applications;
      return { g, share };
    })
    .sort((a, b) => (b.share ?? -1) - (a.share ?? -1))
    .slice(0, TOP)
    .map(({ g, share }) => ({
      id: keyLabel(t, g.key),
      label: keyLabel(t, g.key),
      value: share,
      text: share === null ? suppressedText(service!.minGroupSize) : `${percent(share)} (${g.overdue}/${g.applications})`,
    }));
  const months = monthly.data?.serviceStatistics;
  const monthBars: Bar[] = (months?.groups ?? []).map((g) => ({
    id: keyLabel(t, g.key),
    label: keyLabel(t, g.key),
    value: g.suppressed ? null : (g.applications ?? 0),
    text: g.suppressed ? suppressedText(months!.minGroupSize) : String(g.applications),
  }));
  const cover = coverage.data?.licensedEnterpriseShare;
  const coverBars: Bar[] = (cover?.groups ?? []).map((g) => ({
    id: keyLabel(t, g.key),
    label: keyLabel(t, g.key),
    value: g.suppressed || g.share === null ? null : g.share,
    text: g.suppressed || g.share === null ? suppressedText(cover!.minGroupSize) : `${percent(g.share)} (${g.licensed}/${g.enterprises})`,
  }));
  const b = budget.data?.myAnalysisBudget;

  return (
    <section aria-labelledby="statistics-title">
      <h1 id="statistics-title">{t.statsTitle}</h1>
      <p className="intro">{t.statsIntro}</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(draft);
        }}
      >
        <label>
          {t.statsFrom}
          <input type="month" value={draft.from} required onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          {t.statsTo}
          <input type="month" value={draft.to} required onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          {t.statsGroupBy}
          <select value={draft.groupBy} onChange={(e) => setDraft({ ...draft, groupBy: e.target.value as (typeof GROUP_BY)[number] })}>
            {GROUP_BY.map((g) => (
              <option key={g} value={g}>
                {labelOf(t, 'statsGroupBy_', g)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.statsDivisionLevel}
          <select value={draft.divisionLevel} onChange={(e) => setDraft({ ...draft, divisionLevel: e.target.value as (typeof LEVELS)[number] })}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {labelOf(t, 'statsLevel_', l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.statsLicenceKind}
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {labelOf(t, 'statsKind_', k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t.statsShow}
        </button>
      </form>
      {b && b.epsilonLimit !== null && <p className="note">{t.statsBudget(b.epsilonRemaining ?? 0, b.epsilonLimit, formatTime(t, b.resetsAt))}</p>}

      <Panel id="stats-overdue" title={t.statsOverdueTitle(groupName)} errors={grouped.errors} loading={grouped.loading && !service}>
        {service && (
          <>
            <Provenance asOf={service.asOf} noise={service.noise} />
            <BarChart bars={overdueBars} max={1} summary={t.statsOverdueTitle(groupName)} />
            <DataTable
              caption={t.statsOverdueTable(groupName)}
              head={[groupName, t.statsApplications, t.statsOverdue, t.statsOverdueShare]}
              rows={service.groups.map((g) => ({
                id: keyLabel(t, g.key),
                head: keyLabel(t, g.key),
                cells: g.suppressed ? null : [String(g.applications ?? '—'), String(g.overdue ?? '—'), g.applications ? percent((g.overdue ?? 0) / g.applications) : '—'],
              }))}
              suppressed={suppressedText(service.minGroupSize)}
            />
            <DataTable
              caption={t.statsRatingTable(groupName)}
              head={[groupName, t.statsMeanRating, ...[1, 2, 3, 4, 5].map((n) => t.statsRatingN(n))]}
              rows={service.groups.map((g) => ({
                id: keyLabel(t, g.key),
                head: keyLabel(t, g.key),
                cells: g.suppressed
                  ? null
                  : [g.meanRating === null ? '—' : g.meanRating.toFixed(2), ...(g.ratingDistribution ?? [null, null, null, null, null]).map((n) => String(n ?? '—'))],
              }))}
              suppressed={suppressedText(service.minGroupSize)}
            />
          </>
        )}
      </Panel>

      <Panel id="stats-monthly" title={t.statsMonthlyTitle} errors={monthly.errors} loading={monthly.loading && !months}>
        {months && (
          <>
            <Provenance asOf={months.asOf} noise={months.noise} />
            <ColumnChart bars={monthBars} summary={t.statsMonthlyTitle} suppressed={suppressedText(months.minGroupSize)} />
            <DataTable
              caption={t.statsMonthlyTitle}
              head={[t.statsGroupBy_MONTH, t.statsApplications]}
              rows={months.groups.map((g) => ({ id: keyLabel(t, g.key), head: keyLabel(t, g.key), cells: g.suppressed ? null : [String(g.applications ?? '—')] }))}
              suppressed={suppressedText(months.minGroupSize)}
            />
          </>
        )}
      </Panel>

      <Panel id="stats-coverage" title={t.statsCoverageTitle(labelOf(t, 'statsKind_', asked.kind))} errors={coverage.errors} loading={coverage.loading && !cover}>
        {cover && (
          <>
            <Provenance asOf={cover.asOf} noise={cover.noise} />
            <BarChart bars={coverBars} max={1} summary={t.statsCoverageTitle(labelOf(t, 'statsKind_', asked.kind))} />
            <DataTable
              caption={t.statsCoverageTitle(labelOf(t, 'statsKind_', asked.kind))}
              head={[t.statsGroupBy_DIVISION, t.statsEnterprises, t.statsLicensed, t.statsShare]}
              rows={cover.groups.map((g) => ({
                id: keyLabel(t, g.key),
                head: keyLabel(t, g.key),
                cells: g.suppressed ? null : [String(g.enterprises ?? '—'), String(g.licensed ?? '—'), g.share === null ? '—' : percent(g.share)],
              }))}
              suppressed={suppressedText(cover.minGroupSize)}
            />
          </>
        )}
      </Panel>
    </section>
  );
}

function Panel({ id, title, errors, loading, children }: { id: string; title: string; errors: GraphQLErrorShape[]; loading: boolean; children: ReactNode }) {
  return (
    <section className="panel stats-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <StatisticsError errors={errors} />
      {loading && <Loading />}
      {children}
    </section>
  );
}

/** A figure's errors in words: a denial, a group too small, a budget spent; anything else as the console says it. */
function StatisticsError({ errors }: { errors: GraphQLErrorShape[] }) {
  const t = useT();
  const tooSmall = errors.find((e) => e.extensions?.code === GROUP_TOO_SMALL);
  const exhausted = errors.find((e) => e.extensions?.code === PRIVACY_BUDGET_EXHAUSTED);
  const others = errors.filter((e) => e !== tooSmall && e !== exhausted);
  if (!tooSmall && !exhausted) return <ErrorNote errors={errors} />;
  return (
    <>
      <div className="note note-error" role="alert">
        {tooSmall && <p>{t.statsGroupTooSmall(Number(tooSmall.extensions?.minGroupSize ?? 10))}</p>}
        {exhausted && <p>{t.statsBudgetExhausted(Number(exhausted.extensions?.epsilonRemaining ?? 0), formatTime(t, String(exhausted.extensions?.resetsAt ?? '')))}</p>}
      </div>
      {others.length > 0 && !isForbidden(others) && <ErrorNote errors={others} />}
    </>
  );
}

/** When the figures were taken, and the noise they carry if any. */
function Provenance({ asOf, noise }: { asOf: string; noise: Noise | null }) {
  const t = useT();
  return (
    <p className="sub stats-provenance">
      {t.statsAsOf(formatTime(t, asOf))}
      {noise && ` · ${t.statsNoise(noise.bound95, noise.epsilon)}`}
    </p>
  );
}

const ROW = 40;
/** The widest bar, in percent of the chart's width: the rest holds the value's words. */
const BAR_WIDTH = 60;

/** A horizontal bar chart drawn by hand: per bar its label, the bar below it and the value in words beside it; a suppressed group has no bar, only its words. */
function BarChart({ bars, max, summary }: { bars: Bar[]; max: number; summary: string }) {
  const t = useT();
  if (bars.length === 0) return <p>{t.statsNoGroups}</p>;
  const height = bars.length * ROW;
  const label = `${summary}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join('; ')}`;
  return (
    <svg className="bar-chart" role="img" aria-label={label} width="100%" height={height}>
      {bars.map((bar, i) => {
        const y = i * ROW;
        const width = bar.value === null ? 0 : Math.max(0.5, (bar.value / max) * BAR_WIDTH);
        return (
          <g key={bar.id} className={bar.value === null ? 'bar suppressed' : 'bar'}>
            <text x="0" y={y + 13} className="bar-label">
              {bar.label}
            </text>
            {bar.value !== null && <rect x="0" y={y + 19} width={`${width}%`} height={14} className="bar-fill" />}
            <text x={`${bar.value === null ? 0 : width + 1}%`} y={y + 31} className="bar-text">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const COLUMN_HEIGHT = 140;

/** A column chart drawn by hand (months along the bottom, the count above each column); a suppressed month is a dashed outline, named in the legend, never a zero. */
function ColumnChart({ bars, summary, suppressed }: { bars: Bar[]; summary: string; suppressed: string }) {
  const t = useT();
  if (bars.length === 0) return <p>{t.statsNoGroups}</p>;
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const slot = 100 / bars.length;
  const label = `${summary}: ${bars.map((bar) => `${bar.label} ${bar.text}`).join('; ')}`;
  const top = 16;
  return (
    <>
      <svg className="column-chart" role="img" aria-label={label} width="100%" height={COLUMN_HEIGHT + top + 20}>
        <line x1="0" x2="100%" y1={top + COLUMN_HEIGHT} y2={top + COLUMN_HEIGHT} className="axis" />
        {bars.map((bar, i) => {
          const x = i * slot + slot * 0.15;
          const middle = `${i * slot + slot / 2}%`;
          const height = bar.value === null ? COLUMN_HEIGHT : Math.max(1, (bar.value / max) * COLUMN_HEIGHT);
          return (
            <g key={bar.id} className={bar.value === null ? 'bar suppressed' : 'bar'}>
              <rect x={`${x}%`} y={top + COLUMN_HEIGHT - height} width={`${slot * 0.7}%`} height={height} className={bar.value === null ? 'bar-withheld' : 'bar-fill'} />
              {bar.value !== null && (
                <text x={middle} y={top + COLUMN_HEIGHT - height - 4} textAnchor="middle" className="bar-text">
                  {bar.value}
                </text>
              )}
              <text x={middle} y={top + COLUMN_HEIGHT + 15} textAnchor="middle" className="bar-label">
                {bar.label.length === 7 ? bar.label.slice(5) : bar.label}
              </text>
            </g>
          );
        })}
      </svg>
      {bars.some((bar) => bar.value === null) && (
        <p className="sub legend">
          <span className="legend-withheld" aria-hidden="true" /> {suppressed}
        </p>
      )}
    </>
  );
}

interface Row {
  id: string;
  head: string;
  /** null: the group is suppressed. */
  cells: string[] | null;
}

/** The chart's figures as a table (its accessible alternative); a suppressed group says so across its row. */
function DataTable({ caption, head, rows, suppressed }: { caption: string; head: string[]; rows: Row[]; suppressed: string }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.head}</th>
              {row.cells ? (
                row.cells.map((cell, i) => (
                  <td key={i} className="num">
                    {cell}
                  </td>
                ))
              ) : (
                <td colSpan={head.length - 1} className="suppressed">
                  {suppressed}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
