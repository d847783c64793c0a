/** The tables of the service platform (snake_case columns, as stored). */
export interface ServicesDatabase {
  service_items: ServiceItemsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  feedback: FeedbackTable;
  application_counters: ApplicationCountersTable;
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
