import { PLATFORM_DEPARTMENT, type WriteRuleModel } from '../model';
import type { PolicyRule } from '../PolicyRule';

/**
 * Write rules sit on the fields of a department's records: never on an entry point (`Query`,
 * `Mutation`, `Subscription` fields, or those types' defaults), never in platform.yaml (shared
 * structure, which no write-back writes), and never on a key field (a write-back names the
 * record by its key; keys are never written). A type's default write rules do not reach its
 * key fields, so only a key's own `write` list is reported.
 */
export const writeTargetRule: PolicyRule = ({ report }) => {
  const reportAll = (rules: WriteRuleModel[] | undefined, why: string) => {
    for (const rule of rules ?? []) report(rule.file, rule.line, why);
  };
  return {
    Type({ department, type, policyType }) {
      const root = policyType?.isRoot === true;
      if (!root && department !== PLATFORM_DEPARTMENT) return;
      const what = (where: string) =>
        root
          ? `${where} is an entry point, not a field of a record: write rules apply to the fields of a department's records (e.g. Person.householdAddress), so remove this write rule`
          : `${where} is shared structure covered by platform.yaml, which no write-back writes: write rules apply to the fields of a department's records, so remove this write rule`;
      reportAll(type.defaults.write, what(`${type.name} (in its defaults)`));
      for (const entry of type.fields) reportAll(entry.settings.write, what(`${type.name}.${entry.name}`));
    },
    CoveredField({ policyType, entry, field }) {
      if (!field.isKey || policyType.isRoot) return;
      reportAll(
        entry.settings.write,
        `${field.coordinate} is the key of ${field.typeName}: a write-back names the record by its key, and keys are never written, so remove this write rule`,
      );
    },
  };
};
