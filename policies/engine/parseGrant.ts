import type { Node } from 'yaml';
import { MASK_NAMES } from '../masks';
import type { ConditionModel, GrantModel } from './model';
import type { YamlReader } from './YamlReader';

const CONDITION_KEYS = ['roles', 'departments', 'clearance', 'purposes'] as const;
const GRANT_KEYS = [...CONDITION_KEYS, 'self', 'public', 'mask', 'reveal'] as const;

/** The conditions shared by grants and reveal entries; null when the node is not a mapping. */
function parseCondition(
  reader: YamlReader,
  node: Node,
  what: string,
  allowed: readonly string[],
): { condition: ConditionModel; rest: Map<string, { node: Node | null; line: number }> } | null {
  const line = reader.lineOf(node);
  const entries = reader.map(node, line, what);
  if (!entries) return null;
  const condition: ConditionModel = { file: reader.file, line, roles: null, departments: null, clearance: null, purposes: null };
  const rest = new Map<string, { node: Node | null; line: number }>();
  for (const entry of reader.known(entries, allowed, what)) {
    switch (entry.key) {
      case 'roles':
        condition.roles = reader.names(entry.value, entry.line, 'roles');
        break;
      case 'departments':
        condition.departments = reader.names(entry.value, entry.line, 'departments');
        break;
      case 'purposes':
        condition.purposes = reader.names(entry.value, entry.line, 'purposes');
        break;
      case 'clearance':
        condition.clearance = reader.level(entry.value, entry.line, 'clearance');
        break;
      default:
        rest.set(entry.key, { node: entry.value, line: entry.line });
    }
  }
  return { condition, rest };
}

function namesWho(condition: ConditionModel): boolean {
  return condition.roles !== null || condition.departments !== null || condition.clearance !== null || condition.purposes !== null;
}

/**
 * One grant of a `read:` list. A grant is for the readers who meet all its conditions;
 * `public: true` is for everyone and stands alone (with at most a mask); `mask` makes it
 * a masked grant, `reveal` lists readers who see the value unmasked anyway.
 */
export function parseGrant(reader: YamlReader, node: Node): GrantModel | null {
  const problemsBefore = reader.problems.length;
  const parsed = parseCondition(reader, node, 'a grant', GRANT_KEYS);
  if (!parsed) return null;
  const { condition, rest } = parsed;
  const grant: GrantModel = { ...condition, self: false, public: false, mask: null, reveal: [] };
  const self = rest.get('self');
  if (self) grant.self = reader.boolean(self.node, self.line, 'self') ?? false;
  const isPublic = rest.get('public');
  if (isPublic) grant.public = reader.boolean(isPublic.node, isPublic.line, 'public') ?? false;
  const mask = rest.get('mask');
  if (mask) grant.mask = reader.choice(mask.node, mask.line, 'mask', MASK_NAMES);
  const reveal = rest.get('reveal');
  if (reveal) {
    for (const item of reader.list(reveal.node, reveal.line, 'reveal') ?? []) {
      const entry = parseCondition(reader, item, 'a reveal entry', CONDITION_KEYS);
      if (!entry) continue;
      if (!namesWho(entry.condition)) reader.report(entry.condition.line, 'this reveal entry names no reader: give it roles, departments, clearance or purposes');
      grant.reveal.push(entry.condition);
    }
    if (!mask) reader.report(reveal.line, 'reveal only matters on a masked grant: add a mask to this grant or remove reveal');
  }

  if (grant.public && (namesWho(grant) || grant.self)) {
    reader.report(
      grant.line,
      'a public grant is for everyone, anonymous readers included, so it takes no roles, departments, clearance, purposes or self: remove them, or remove "public: true"',
    );
  } else if (!grant.public && !grant.self && !namesWho(grant) && reader.problems.length === problemsBefore) {
    // (Skipped when a value of this grant was already reported: one problem is enough.)
    reader.report(grant.line, 'this grant names no reader: give it roles, departments, clearance, purposes, self: true or public: true');
  }
  return grant;
}
