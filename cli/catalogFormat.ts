import { PLATFORM_DEPARTMENT } from '../policies';
import type { CatalogEntry } from '../schema/catalog/catalogEntries';

export type CatalogFormat = 'md' | 'csv' | 'json';
export const CATALOG_FORMATS: readonly CatalogFormat[] = ['md', 'csv', 'json'];

/** The columns of the csv export, in order, with their headings. */
const COLUMNS: readonly [keyof CatalogEntry, string][] = [
  ['resourceCode', 'resource code'],
  ['coordinate', 'field'],
  ['resourceName', 'resource name'],
  ['department', 'provider'],
  ['description', 'description'],
  ['dataType', 'data type'],
  ['format', 'format'],
  ['sharing', 'sharing type'],
  ['sensitivity', 'sensitivity'],
  ['updateCycle', 'update cycle'],
  ['openToPublic', 'open to public'],
  ['readers', 'who may read'],
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCatalogCsv(entries: readonly CatalogEntry[]): string[] {
  return [COLUMNS.map(([, heading]) => heading), ...entries.map((entry) => COLUMNS.map(([key]) => String(entry[key])))].map((fields) => fields.map(csvField).join(','));
}

export function formatCatalogJson(entries: readonly CatalogEntry[]): string[] {
  return [JSON.stringify(entries, null, 2)];
}

const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** One section per providing department (in the order given, platform last), a row per field. */
export function formatCatalogMarkdown(entries: readonly CatalogEntry[], departments: readonly string[]): string[] {
  const order = (department: string) => (department === PLATFORM_DEPARTMENT ? Infinity : departments.includes(department) ? departments.indexOf(department) : departments.length);
  const providers = [...new Set(entries.map((entry) => entry.department))].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  const lines = [
    '# Data catalog',
    '',
    `${entries.length} data resources: every field of the graph, by providing department. Sharing types: unconditional (readers the policy names, no application), conditional (apply in the catalog), none (not shared outside the department). Sensitivity 1 public … 4 restricted.`,
    '',
  ];
  for (const provider of providers) {
    lines.push(
      `## ${provider}`,
      '',
      '| code | field | description | type | sharing | sensitivity | update cycle | public | who may read |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const e of entries.filter((entry) => entry.department === provider)) {
      lines.push(
        `| ${[e.resourceCode, e.coordinate, e.description, `\`${e.dataType}\``, e.sharing, String(e.sensitivity), e.updateCycle, e.openToPublic ? 'yes' : 'no', e.readers].map(mdCell).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  return lines;
}
