/** The tables of the service platform (snake_case columns, as stored). */
export interface ServicesDatabase {
  service_items: ServiceItemsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  feedback: FeedbackTable;
  application_counters: ApplicationCountersTable;
  application_details: ApplicationDetailsTable;
  write_backs: WriteBacksTable;
  application_updates: ApplicationUpdatesTable;
  services_sequences: ServicesSequencesTable;
}

export type LicenseKind = 'BUSINESS_LICENSE' | 'FOOD_OPERATION_PERMIT' | 'DRIVING_LICENSE' | 'MARRIAGE_CERTIFICATE';
export type ApplicationStatus = 'SUBMITTED' | 'ACCEPTED' | 'APPROVED' | 'REJECTED' | 'COMPLETED';
export type ApplicationStage = 'SUBMIT' | 'ACCEPT' | 'APPROVE' | 'REJECT' | 'COMPLETE' | 'FEEDBACK';

export interface ServiceItemsTable {
  /** SI-0001 */
  code: string;
  name: string;
  department: string;
  /** The platform department handling the item's cases (market, population), null for agencies off the platform. */
  handled_by: string | null;
  /** JSON array of LicenseKind. */
  required_licenses: string;
  time_limit_days: number;
}

export interface ApplicationsTable {
  /** APP-2026-000001 */
  id: string;
  item_code: string;
  applicant_id_number: string;
  enterprise_credit_code: string | null;
  status: ApplicationStatus;
  /** ISO 8601 timestamp. */
  submitted_at: string;
  /** ISO 8601 timestamp of the last step. */
  updated_at: string;
}

export interface ApplicationEventsTable {
  application_id: string;
  /** 1, 2, 3 … in the order the steps happened. */
  seq: number;
  stage: ApplicationStage;
  actor: string;
  at: string;
  comment: string | null;
}

export interface FeedbackTable {
  /** At most one feedback per application. */
  application_id: string;
  rating: number;
  comment: string | null;
  at: string;
}

/** The last application number given out in each year, so ids never repeat. */
export interface ApplicationCountersTable {
  year: string;
  last: number;
}

/** The facts an application carries for its completion's write-backs (declared per item in writeBacks.yaml). */
export interface ApplicationDetailsTable {
  application_id: string;
  name: string;
  value: string;
}

export type WriteBackRowState = 'pending' | 'applied' | 'refused' | 'dead';

/**
 * The outbox: one row per write a completion asks of another department, written in the
 * completion's own transaction; the relay delivers it until the owning department decides.
 */
export interface WriteBacksTable {
  /** `<applicationId>/<n>`: the event id, the owning department's idempotency key. */
  id: string;
  application_id: string;
  /** 1, 2 … in the order the item declares its writes. */
  n: number;
  item_code: string;
  department: string;
  event: string;
  /** JSON array of the coordinates written (`Person.householdAddress`). */
  fields: string;
  /** The `SealedWriteBack` as JSON: exactly what is delivered, every time. */
  sealed: string;
  applicant: string;
  /** Who completed the application. */
  actor: string;
  state: WriteBackRowState;
  /** Deliveries so far (HTTP posts or stream publications) since it was created or replayed. */
  attempts: number;
  /** ISO 8601: when the relay may next deliver it (a claim pushes it forward while a delivery is under way). */
  next_attempt_at: string;
  /** ISO 8601: the last publication to the department's stream (Redis). */
  published_at: string | null;
  last_error: string | null;
  /** Why the owning department refused it. */
  reason: string | null;
  /** The record written, `Type key`, once applied. */
  record: string | null;
  created_at: string;
  /** ISO 8601: when its state last changed. */
  state_at: string;
  /** Its place in the feed of settled write-backs (applied, refused, dead), from the sequence counter. */
  decided_seq: number | null;
}

export type ApplicationUpdateKind = 'STATUS' | 'WRITE_BACK';

/** Every status change and every write-back change of an application, in the order they committed. */
export interface ApplicationUpdatesTable {
  /** From the sequence counter, taken inside the writing transaction: a follower's cursor. */
  seq: number;
  application_id: string;
  applicant: string;
  /** The platform department handling the item's cases, for staff feeds. */
  handled_by: string | null;
  kind: ApplicationUpdateKind;
  /** STATUS: the status the application moved to. */
  status: ApplicationStatus | null;
  /** WRITE_BACK: the write-back and its state, attempts, reason and record at this update. */
  write_back_id: string | null;
  state: WriteBackRowState | null;
  attempts: number | null;
  reason: string | null;
  record: string | null;
  at: string;
}

/**
 * Named counters whose row lock serialises the transactions that take a number, so numbers
 * become visible in order (`updates`: application updates and settled write-backs).
 */
export interface ServicesSequencesTable {
  name: string;
  last: number;
}
