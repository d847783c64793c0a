import type { PolicySource } from './checkPolicies';
import { checkPolicyFiles } from './checkPolicyFiles';
import { compileRules } from './compileRules';
import { createPolicySet } from './createPolicySet';
import { hashPolicyFiles } from './hashPolicyFiles';
import { readPolicyDir } from './readPolicyDir';
import { allReaderClasses, readerOf, vocabularyNames, type ReaderClass } from './readerClasses';
import { readSupergraph } from './readSupergraph';
import type { PolicyProblem } from './types';

function describe(readerClass: ReaderClass): string {
  if (readerClass.kind === 'anonymous') return `anonymous${readerClass.purpose ? `, purpose ${readerClass.purpose}` : ''}`;
  const { role, dept, clearance, purpose } = readerClass;
  return `role ${role}, ${dept ? `department ${dept}` : 'no department'}, clearance ${clearance}${purpose ? `, purpose ${purpose}` : ''}`;
}

/**
 * The fields the schema declares non-null that the policies deny to a reader who may read
 * other fields of the same type (or, on Query, other root fields). GraphQL answers a denied
 * non-null field by nulling the record that holds it, so that reader would lose every field
 * of the record they may see (the whole Person for its household address, the whole response
 * for a root field). Each is reported at its rule: the fix is to make the field nullable in the
 * department's SDL. Key fields are left out (a reader who reaches a record reaches its key);
 * so are mutations, which are refused whole. `policy check` reports these after the files'
 * own problems (`checkPolicies`); they do not stop the policies loading. [] while the files
 * have problems of their own.
 */
export function nonNullDenials({ dir, supergraphSdl }: PolicySource): PolicyProblem[] {
  const { files, misnamed } = readPolicyDir(dir);
  const facts = readSupergraph(supergraphSdl);
  const { vocabulary, rules, problems: fileProblems } = checkPolicyFiles(files, misnamed, facts);
  if (fileProblems.length > 0 || !vocabulary) return [];
  const policies = createPolicySet({ hash: hashPolicyFiles(files), vocabulary, rules, compiled: compileRules(rules), facts });
  const ruleOf = new Map(rules.map((rule) => [rule.coordinate, rule]));
  const readers = allReaderClasses(vocabularyNames(vocabulary)).map((readerClass) => ({ readerClass, reader: readerOf(readerClass) }));
  const problems: PolicyProblem[] = [];
  for (const type of facts.types.values()) {
    if (type.kind !== 'object' || type.internal || type.name === 'Mutation' || type.name === 'Subscription') continue;
    const fields = [...type.fields.values()].filter((field) => !field.isKey && ruleOf.has(field.coordinate));
    for (const field of fields) {
      if (!field.nonNull) continue;
      const losing = readers.find(
        ({ reader }) =>
          policies.decide(field.coordinate, reader).others.kind === 'DENY' &&
          fields.some((other) => other !== field && policies.decide(other.coordinate, reader).others.kind !== 'DENY'),
      );
      if (!losing) continue;
      const rule = ruleOf.get(field.coordinate)!;
      const holder = type.isRoot ? 'the whole response' : `the whole ${type.name}`;
      problems.push({
        file: rule.file,
        line: rule.line,
        message: `${field.coordinate} is non-null in the schema, but the policies deny it to readers who read other ${type.isRoot ? 'root fields' : `${type.name} fields`} (e.g. ${describe(losing.readerClass)}): a denial would null ${holder} for them. Make it nullable in the ${field.departments.join(', ')} SDL.`,
      });
    }
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
