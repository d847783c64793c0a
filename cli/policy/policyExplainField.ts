import {
  describeCell,
  describeProfile,
  describeWriteRule,
  listWriteRules,
  profileReader,
  type AccessMatrix,
  type CompiledWrites,
  type PolicySet,
  type WriteDecision,
  type WriteRequest,
} from '../../policies';
import { textTable } from './policyIo';

/** What `policy explain COORD` shows: who reads the field (each reader profile), who may write it, and a write decision when asked for one. */
export interface FieldExplanation {
  coordinate: string;
  /** The department whose policy covers the field. */
  department: string;
  isKey: boolean;
  /** One row per reader profile: what it gets (a purpose that changes it named), and why without a purpose. */
  reads: { reader: string; decision: string; why: string }[];
  /** Its write rules in force, in file order. */
  writes: { writers: string; rule: string }[];
  /** The decision asked for with --write FROM --event E. */
  write?: { request: WriteRequest; decision: WriteDecision };
}

/**
 * The field's row of the access matrix (`accessMatrix`), with the engine's reason for each
 * profile, and its write rules (`writes`, compiled as `decideWrite` decides by them).
 */
export function explainField(input: {
  coordinate: string;
  policies: PolicySet;
  matrix: AccessMatrix;
  writes: ReadonlyMap<string, CompiledWrites>;
  request?: Omit<WriteRequest, 'coordinate'>;
}): FieldExplanation {
  const { coordinate, policies, matrix, writes } = input;
  const compiled = writes.get(coordinate);
  if (!compiled) throw new Error(`no rule covers ${coordinate}`);
  const row = matrix.groups.flatMap((group) => group.rows).find((r) => r.coordinate === coordinate)!;
  const reads = matrix.profiles.map((profile, i) => ({
    reader: describeProfile(profile),
    decision: describeCell(row.cells[i]),
    why: policies.decide(coordinate, profileReader(profile, null)).reason,
  }));
  const explanation: FieldExplanation = {
    coordinate,
    department: compiled.department,
    isKey: compiled.isKey,
    reads,
    writes: listWriteRules(new Map([[coordinate, compiled]])).map((rule) => ({ writers: describeWriteRule(rule), rule: rule.rule })),
  };
  if (input.request) {
    const request = { coordinate, ...input.request };
    explanation.write = { request, decision: policies.decideWrite!(request) };
  }
  return explanation;
}

/** The explanation as officers read it: the field, a READ table, a WRITE table, and the decision asked for. */
export function formatFieldExplanation(explanation: FieldExplanation): string[] {
  const { coordinate, department, isKey, reads, writes, write } = explanation;
  const lines = [
    `field  ${coordinate} (${department}.yaml${isKey ? '; a key' : ''})`,
    '',
    "READ: each role as its typical holder (as in `policy matrix`); WHY is the engine's reason without a purpose",
    ...textTable([['READER', 'DECISION', 'WHY'], ...reads.map((r) => [r.reader, r.decision, r.why])]),
    '',
  ];
  if (writes.length) {
    lines.push('WRITE: the departments that may write it, on which write-back events; any other write is refused');
    lines.push(...textTable([['WRITERS', 'RULE'], ...writes.map((w) => [w.writers, w.rule])]));
  } else {
    lines.push(isKey ? 'WRITE: never: keys are never written' : `WRITE: no department may write it (no write rule in ${department}.yaml: deny by default)`);
  }
  if (write) {
    const { request, decision } = write;
    const asked = `${request.from} on ${request.event}`;
    lines.push('', decision.allowed ? `decision  ${asked}: ALLOWED by ${decision.rule}` : `decision  ${asked}: REFUSED: ${decision.why}`);
  }
  return lines;
}
