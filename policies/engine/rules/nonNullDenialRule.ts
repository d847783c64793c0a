import type { PolicyRule } from '../PolicyRule';
import { allReaderClasses, readerOf, vocabularyNames, type ReaderClass } from '../readerClasses';

function describe(readerClass: ReaderClass): string {
  if (readerClass.kind === 'anonymous') return `anonymous${readerClass.purpose ? `, purpose ${readerClass.purpose}` : ''}`;
  const { role, dept, clearance, purpose } = readerClass;
  return `role ${role}, ${dept ? `department ${dept}` : 'no department'}, clearance ${clearance}${purpose ? `, purpose ${purpose}` : ''}`;
}

/**
 * A field the policies deny to a reader who may read other fields of the same type (or, on
 * Query, other root fields) is nullable. GraphQL answers a denied non-null field by nulling
 * the record that holds it, so that reader would lose every field of the record they may see
 * (the whole Person for its household address, the whole response for a root field). Each is
 * reported at its rule: the fix is to make the field nullable in the department's SDL. Key
 * fields are left out (a reader who reaches a record reaches its key); so are mutations, which
 * are refused whole.
 */
export const nonNullDenialRule: PolicyRule = ({ facts, report }) => ({
  LoadedPolicies({ policies, rules, vocabulary }) {
    const ruleOf = new Map(rules.map((rule) => [rule.coordinate, rule]));
    const readers = allReaderClasses(vocabularyNames(vocabulary)).map((readerClass) => ({ readerClass, reader: readerOf(readerClass) }));
    // Which reader classes are denied a field, asked once per distinct rule (`accessKey`): most fields of a type follow its defaults.
    const deniedByKey = new Map<string, boolean[]>();
    const deniedTo = (coordinate: string): boolean[] => {
      const key = policies.accessKey?.(coordinate);
      const known = key === undefined ? undefined : deniedByKey.get(key);
      if (known) return known;
      const denied = readers.map(({ reader }) => policies.decide(coordinate, reader).others.kind === 'DENY');
      if (key !== undefined) deniedByKey.set(key, denied);
      return denied;
    };
    for (const type of facts.types.values()) {
      if (type.kind !== 'object' || type.internal || type.name === 'Mutation' || type.name === 'Subscription') continue;
      const fields = [...type.fields.values()].filter((field) => !field.isKey && ruleOf.has(field.coordinate));
      if (!fields.some((field) => field.nonNull)) continue;
      const denied = new Map(fields.map((field) => [field, deniedTo(field.coordinate)]));
      // How many of the type's fields each reader class may read.
      const readable = readers.map((_, i) => fields.filter((field) => !denied.get(field)![i]).length);
      for (const field of fields) {
        if (!field.nonNull) continue;
        const deniedField = denied.get(field)!;
        // Denied this field (which so is not among those it may read) and able to read another of the type.
        const losing = readers.find((_, i) => deniedField[i] && readable[i] > 0);
        if (!losing) continue;
        const rule = ruleOf.get(field.coordinate)!;
        const holder = type.isRoot ? 'the whole response' : `the whole ${type.name}`;
        report(
          rule.file,
          rule.line,
          `${field.coordinate} is non-null in the schema, but the policies deny it to readers who read other ${type.isRoot ? 'root fields' : `${type.name} fields`} (e.g. ${describe(losing.readerClass)}): a denial would null ${holder} for them. Make it nullable in the ${field.departments.join(', ')} SDL.`,
        );
      }
    }
  },
});
