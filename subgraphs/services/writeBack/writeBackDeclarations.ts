import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { WriteBackValue } from '../../../schema/contracts/writeBack';
import { PROJECT_ROOT } from '../../../schema/composition/composeSupergraph';
import { catalogItem } from '../serviceCatalog';

/** Where the service platform declares what completing each item writes back. */
export const WRITE_BACKS_FILE = path.join(__dirname, '..', 'writeBacks.yaml');

/**
 * One value a write sets: written as is (`kind: FOOD_OPERATION_PERMIT`), a detail the
 * application carries (`{ detail: newAddress }`), or a date N years after the completion
 * (`{ yearsAfterCompletion: 5 }`, YYYY-MM-DD in Beijing time).
 */
export type DeclaredValue = { kind: 'literal'; value: WriteBackValue } | { kind: 'detail'; name: string } | { kind: 'yearsAfterCompletion'; years: number };

/** One record an item's completion writes in another department. */
export interface DeclaredWrite {
  department: string;
  /** The action the owning department declares (`issueLicense`, `updatePerson`). */
  action: string;
  /** The GraphQL type of the record written. */
  type: string;
  /** Whose number the target's key is: the applicant's resident ID number, or the enterprise's credit code. */
  key: 'applicant' | 'enterprise';
  /** By field name, in the order written. */
  values: Record<string, DeclaredValue>;
  /** Where it is declared (1-based). */
  line: number;
}

export interface ItemDetail {
  name: string;
  description: string;
}

export interface ItemWriteBacks {
  itemCode: string;
  /** The event as write policies name it. */
  event: string;
  /** The facts an application for the item must carry. */
  details: ItemDetail[];
  writes: DeclaredWrite[];
  line: number;
}

export interface WriteBackDeclarations {
  /** The file they were read from, as messages name it. */
  file: string;
  items: ReadonlyMap<string, ItemWriteBacks>;
}

export interface DeclarationProblem {
  file: string;
  line: number;
  message: string;
}

const ITEM_CODE = /^SI-\d{4,}$/;
const EVENT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const DEPARTMENT = /^[a-z][a-z0-9]*$/;
const ACTION = /^[a-z][A-Za-z0-9]*$/;
const TYPE = /^[A-Z][A-Za-z0-9_]*$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const DETAIL = /^[a-z][A-Za-z0-9]{0,63}$/;
const MAX_YEARS = 100;

/** The file as messages name it: relative to the project when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Reads the declarations, or every problem with its line: YAML that does not parse, a setting
 * misspelt, missing or of the wrong kind, a detail used but not declared, an enterprise key on
 * an item a person applies for. Fails closed: anything not understood is a problem.
 */
export function parseWriteBackDeclarations(file: string, text: string): { declarations: WriteBackDeclarations | null; problems: DeclarationProblem[] } {
  const shown = displayPath(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const problems: DeclarationProblem[] = [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const report = (node: Node | null | undefined, message: string): void => void problems.push({ file: shown, line: lineOf(node), message });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const what = error.code === 'DUPLICATE_KEY' ? 'the same name is written twice in one place' : error.message.split(' at line ')[0];
      problems.push({ file: shown, line: error.linePos?.[0].line ?? 1, message: `the file does not parse as YAML: ${what}` });
    }
    return { declarations: null, problems };
  }

  /** The pairs of a map with scalar keys; anything else is reported. */
  const entriesOf = (node: Node | null | undefined, what: string, fallback: Node | null | undefined): [string, Node | null, Pair][] => {
    if (!isMap(node)) {
      report(node ?? fallback, `${what} must be a map of names to settings`);
      return [];
    }
    return (node as YAMLMap).items.flatMap((pair) => {
      const key = pair.key as Node | null;
      if (!isScalar(key) || typeof key.value !== 'string') {
        report(key ?? node, `${what}: every name must be a text`);
        return [];
      }
      return [[key.value, (pair.value as Node | null) ?? null, pair] as [string, Node | null, Pair]];
    });
  };
  /** The settings of a map, each known name once; an unknown name is reported. */
  const settingsOf = (node: Node | null, what: string, known: readonly string[], fallback: Node | null): Map<string, { node: Node | null; key: Node }> => {
    const settings = new Map<string, { node: Node | null; key: Node }>();
    for (const [name, value, pair] of entriesOf(node, what, fallback)) {
      if (!known.includes(name)) report(pair.key as Node, `${what} has no setting "${name}" (it takes ${known.join(', ')})`);
      else settings.set(name, { node: value, key: pair.key as Node });
    }
    return settings;
  };
  const textOf = (node: Node | null, what: string, at: Node, pattern?: RegExp, shape?: string): string | null => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      report(node ?? at, `${what} must be a text`);
      return null;
    }
    if (pattern && !pattern.test(node.value)) {
      report(node, `${what} must be ${shape}, not ${JSON.stringify(node.value.slice(0, 64))}`);
      return null;
    }
    return node.value;
  };

  const root = doc.contents as Node | null;
  const top = settingsOf(root, 'the file', ['items'], root);
  const itemsNode = top.get('items');
  if (!itemsNode) {
    if (isMap(root)) report(root, 'the file needs "items": the service items whose completion writes back');
    return { declarations: null, problems };
  }
  const items = new Map<string, ItemWriteBacks>();
  for (const [code, itemNode, pair] of entriesOf(itemsNode.node, 'items', itemsNode.key)) {
    const at = pair.key as Node;
    if (!ITEM_CODE.test(code)) {
      report(at, `items: ${JSON.stringify(code.slice(0, 64))} is not a service item code (SI-0001)`);
      continue;
    }
    const where = `items.${code}`;
    const settings = settingsOf(itemNode, where, ['event', 'details', 'writes'], at);
    const event = settings.has('event')
      ? textOf(settings.get('event')!.node, `${where}.event`, settings.get('event')!.key, EVENT, 'lower-case words joined by dashes (household-address-change)')
      : (report(at, `${where} needs "event": the name write policies know the completion by`), null);

    const details: ItemDetail[] = [];
    const detailsSetting = settings.get('details');
    if (detailsSetting) {
      for (const [name, value, detailPair] of entriesOf(detailsSetting.node, `${where}.details`, detailsSetting.key)) {
        if (!DETAIL.test(name)) {
          report(detailPair.key as Node, `${where}.details: a detail's name is a lower camel-case word (newAddress), not ${JSON.stringify(name.slice(0, 64))}`);
          continue;
        }
        const description = textOf(value, `${where}.details.${name}`, detailPair.key as Node);
        if (description !== null) details.push({ name, description: description.trim() });
      }
    }
    const declaredDetails = new Set(details.map((d) => d.name));
    const usedDetails = new Set<string>();

    const writes: DeclaredWrite[] = [];
    const writesSetting = settings.get('writes');
    if (!writesSetting) report(at, `${where} needs "writes": a list of the records its completion writes`);
    else if (!isSeq(writesSetting.node) || writesSetting.node.items.length === 0)
      report(writesSetting.node ?? writesSetting.key, `${where}.writes must be a list of one write or more`);
    else {
      writesSetting.node.items.forEach((writeNode, index) => {
        const writeWhere = `${where}.writes[${index}]`;
        const s = settingsOf(writeNode as Node | null, writeWhere, ['department', 'action', 'type', 'key', 'values'], writesSetting.node);
        const need = (name: string): { node: Node | null; key: Node } | null => {
          const found = s.get(name);
          if (!found) report((writeNode as Node | null) ?? writesSetting.node, `${writeWhere} needs "${name}"`);
          return found ?? null;
        };
        const departmentSetting = need('department');
        const actionSetting = need('action');
        const typeSetting = need('type');
        const keySetting = need('key');
        const valuesSetting = need('values');
        const department =
          departmentSetting && textOf(departmentSetting.node, `${writeWhere}.department`, departmentSetting.key, DEPARTMENT, 'a department name (lower-case letters and digits)');
        if (department === 'services') report(departmentSetting!.node, `${writeWhere}.department: the service platform does not write back to itself`);
        const action = actionSetting && textOf(actionSetting.node, `${writeWhere}.action`, actionSetting.key, ACTION, 'an action name (issueLicense)');
        const type = typeSetting && textOf(typeSetting.node, `${writeWhere}.type`, typeSetting.key, TYPE, 'a GraphQL type name (License)');
        const key = keySetting && textOf(keySetting.node, `${writeWhere}.key`, keySetting.key, /^(applicant|enterprise)$/, 'applicant or enterprise');
        if (key === 'enterprise' && catalogItem(Number(code.slice(3)) - 1).concerns !== 'ENTERPRISE') {
          report(keySetting!.node, `${writeWhere}.key: ${code} is applied for by a person, so its applications name no enterprise; use "applicant"`);
        }
        const values: Record<string, DeclaredValue> = {};
        if (valuesSetting) {
          const entries = entriesOf(valuesSetting.node, `${writeWhere}.values`, valuesSetting.key);
          if (isMap(valuesSetting.node) && entries.length === 0) report(valuesSetting.node, `${writeWhere}.values must set one field or more`);
          for (const [field, valueNode, valuePair] of entries) {
            const valueWhere = `${writeWhere}.values.${field}`;
            if (!FIELD.test(field)) {
              report(valuePair.key as Node, `${writeWhere}.values: ${JSON.stringify(field.slice(0, 64))} is not a GraphQL field name`);
              continue;
            }
            const value = declaredValue(valueNode, valuePair.key as Node, valueWhere, declaredDetails, report);
            if (value?.kind === 'detail') usedDetails.add(value.name);
            if (value) values[field] = value;
          }
        }
        if (department && action && type && (key === 'applicant' || key === 'enterprise') && Object.keys(values).length > 0) {
          writes.push({ department, action, type, key, values, line: lineOf(writeNode as Node) });
        }
      });
    }
    for (const detail of details) {
      if (!usedDetails.has(detail.name))
        report(detailsSetting!.node, `${where}.details.${detail.name} is declared but no write uses it; remove it, or write it with { detail: ${detail.name} }`);
    }
    if (event) items.set(code, { itemCode: code, event, details, writes, line: lineOf(at) });
  }
  return problems.length > 0 ? { declarations: null, problems } : { declarations: { file: shown, items }, problems };
}

function declaredValue(
  node: Node | null,
  at: Node,
  where: string,
  details: ReadonlySet<string>,
  report: (node: Node | null | undefined, message: string) => void,
): DeclaredValue | null {
  if (node === null || isScalar(node)) {
    const value = node === null ? null : node.value;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        report(node, `${where} must be a finite number`);
        return null;
      }
      return { kind: 'literal', value: value as WriteBackValue };
    }
    report(node ?? at, `${where} must be a text, a number, true, false or null`);
    return null;
  }
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
    const [pair] = node.items;
    const name = String((pair.key as { value: unknown }).value);
    const inner = pair.value as Node | null;
    if (name === 'detail') {
      if (!isScalar(inner) || typeof inner.value !== 'string') {
        report(inner ?? node, `${where}: { detail: NAME } names a detail of the item`);
        return null;
      }
      if (!details.has(inner.value)) {
        report(inner, `${where} writes the detail ${JSON.stringify(inner.value.slice(0, 64))}, which the item's "details" does not declare`);
        return null;
      }
      return { kind: 'detail', name: inner.value };
    }
    if (name === 'yearsAfterCompletion') {
      const years = isScalar(inner) ? inner.value : undefined;
      if (typeof years !== 'number' || !Number.isInteger(years) || years < 0 || years > MAX_YEARS) {
        report(inner ?? node, `${where}: yearsAfterCompletion is a whole number of years from 0 to ${MAX_YEARS}`);
        return null;
      }
      return { kind: 'yearsAfterCompletion', years };
    }
  }
  report(node, `${where} must be a value, { detail: NAME } or { yearsAfterCompletion: N }`);
  return null;
}

/** `file:line: message`, one per line. */
export function formatDeclarationProblems(problems: readonly DeclarationProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

/** Reads and checks the declarations; any problem (or no file) is an error naming the file and line of each. */
export function loadWriteBackDeclarations(file: string = WRITE_BACKS_FILE): WriteBackDeclarations {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${displayPath(file)}: cannot read the write-back declarations (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const { declarations, problems } = parseWriteBackDeclarations(file, text);
  if (!declarations) throw new Error(`The write-back declarations have problems:\n${formatDeclarationProblems(problems)}`);
  return declarations;
}

/** The coordinates a write sets, as policies name them: `Person.householdAddress`. */
export function coordinatesOf(write: DeclaredWrite): string[] {
  return Object.keys(write.values).map((field) => `${write.type}.${field}`);
}
