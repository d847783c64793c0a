import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { OwnerOf } from '../defineDepartment';
import { inheritOwner } from '../enforcement/inheritOwner';
import { recordTypesOf, type RecordType } from './recordTypesOf';

/** One record a request was given, as collected while it executes. */
export interface PendingDisclosure {
  recordType: string;
  recordKey: string;
  subject: string | null;
  masked: boolean;
  /** The record's fields the request was given, in the order first read. */
  fields: Set<string>;
}

interface RequestDisclosures {
  /** By `type NUL key`: one entry per record, however many objects carried it. */
  byKey: Map<string, PendingDisclosure>;
  /** By the record object, so the key and owner are read once per record. */
  byRecord: WeakMap<object, PendingDisclosure>;
}

/**
 * Collects, per request, which records of the department's record types the request was
 * given. Fed by the field guard (`guardFields`): a record counts as disclosed once a
 * value of it (any field but its key) is resolved for the reader, in the clear or masked;
 * a denied field discloses nothing. Taken by `disclosurePlugin` before the response goes.
 */
export interface DisclosureCollector {
  /** True when resolving `typeName.fieldName` discloses the record: a field other than the key of a record type. */
  discloses(typeName: string, fieldName: string): boolean;
  note(context: object, typeName: string, fieldName: string, record: unknown, info: GraphQLResolveInfo, masked: boolean): void;
  /** The request's disclosures, forgotten once taken. */
  take(context: object): PendingDisclosure[];
}

export interface DisclosureCollectorOptions {
  /** The department's `owners`: a record's subject is its owner. */
  owners: Record<string, OwnerOf>;
  /** The record types (`disclosures.recordTypes`); by default every entity the department serves values of. */
  recordTypes?: readonly string[];
}

export function createDisclosureCollector(schema: GraphQLSchema, options: DisclosureCollectorOptions): DisclosureCollector {
  const types: Map<string, RecordType> = recordTypesOf(schema, options.recordTypes);
  // Keyed by the request's context object: nothing outlives the request.
  const requests = new WeakMap<object, RequestDisclosures>();

  function subjectOf(typeName: string, record: unknown): string | null {
    const owner = options.owners[typeName];
    // An entity owned through the record it was reached from has no subject of its own here.
    if (!owner || owner === inheritOwner || record === null || typeof record !== 'object') return null;
    const subject = owner(record);
    return subject === null || subject === undefined ? null : String(subject);
  }

  return {
    discloses(typeName, fieldName) {
      const type = types.get(typeName);
      return type !== undefined && !type.keyFields.includes(fieldName);
    },
    note(context, typeName, fieldName, record, info, masked) {
      const type = types.get(typeName);
      if (!type) return;
      let request = requests.get(context);
      if (!request) {
        request = { byKey: new Map(), byRecord: new WeakMap() };
        requests.set(context, request);
      }
      const isObject = record !== null && typeof record === 'object';
      let pending = isObject ? request.byRecord.get(record) : undefined;
      if (!pending) {
        const recordKey = type.keyOf(record, context, info);
        const id = `${typeName}\u0000${recordKey}`;
        pending = request.byKey.get(id);
        if (!pending) {
          pending = { recordType: typeName, recordKey, subject: subjectOf(typeName, record), masked: false, fields: new Set() };
          request.byKey.set(id, pending);
        }
        if (isObject) request.byRecord.set(record, pending);
      }
      pending.fields.add(fieldName);
      if (masked) pending.masked = true;
    },
    take(context) {
      const request = requests.get(context);
      requests.delete(context);
      return request ? [...request.byKey.values()] : [];
    },
  };
}
