import fs from 'node:fs';
import path from 'node:path';
import { operationsOfSource } from '../limit/persisted';

/** Whose updates a stream follows: `mine`, a resident's own applications; `department`, the cases of a member of staff's department. */
export type EventScope = 'mine' | 'department';

export const EVENT_SCOPES: readonly EventScope[] = ['mine', 'department'];

/** The file the stream's operations are read from (and registered from, in safelist mode). */
export const UPDATES_OPERATIONS_FILE = path.join(__dirname, 'applicationUpdates.graphql');

export interface UpdatesOperation {
  /** The operation's name, as the audit ledger records it. */
  name: string;
  /** The printed text, exactly as `govgraph operations register` stores it. */
  text: string;
  /** The root field whose `ApplicationUpdatePage` it reads. */
  field: 'myApplicationUpdates' | 'applicationUpdates';
}

function operationsByScope(): Record<EventScope, UpdatesOperation> {
  const file = UPDATES_OPERATIONS_FILE;
  const operations = operationsOfSource(fs.readFileSync(file, 'utf8'), file);
  const named = (name: string, field: UpdatesOperation['field']): UpdatesOperation => {
    const found = operations.find((operation) => operation.name === name);
    if (!found) throw new Error(`${file} has no operation ${name}`);
    return { name, text: found.text, field };
  };
  return { mine: named('EventsMyApplicationUpdates', 'myApplicationUpdates'), department: named('EventsApplicationUpdates', 'applicationUpdates') };
}

/** The operation each scope runs, read once. */
export const UPDATES_OPERATIONS: Readonly<Record<EventScope, UpdatesOperation>> = operationsByScope();
