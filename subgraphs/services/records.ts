import type { Selectable } from 'kysely';
import type { ApplicationEventsTable, ApplicationsTable, ApplicationStage, ApplicationStatus, FeedbackTable, LicenseKind, ServiceItemsTable } from './database';

/** What resolvers see: rows in GraphQL's camelCase, JSON columns parsed. */
export interface ServiceItemRecord {
  code: string;
  name: string;
  department: string;
  handledBy: string | null;
  requiredLicenses: LicenseKind[];
  timeLimitDays: number;
}

export interface ApplicationRecord {
  id: string;
  itemCode: string;
  applicantIdNumber: string;
  enterpriseCreditCode: string | null;
  status: ApplicationStatus;
  submittedAt: string;
}

export interface ApplicationEventRecord {
  applicationId: string;
  stage: ApplicationStage;
  actor: string;
  at: string;
  comment: string | null;
}

export interface FeedbackRecord {
  applicationId: string;
  rating: number;
  comment: string | null;
  at: string;
}

export function toServiceItemRecord(row: Selectable<ServiceItemsTable>): ServiceItemRecord {
  return {
    code: row.code,
    name: row.name,
    department: row.department,
    handledBy: row.handled_by,
    requiredLicenses: JSON.parse(row.required_licenses) as LicenseKind[],
    timeLimitDays: Number(row.time_limit_days),
  };
}

export function toApplicationRecord(row: Selectable<ApplicationsTable>): ApplicationRecord {
  return {
    id: row.id,
    itemCode: row.item_code,
    applicantIdNumber: row.applicant_id_number,
    enterpriseCreditCode: row.enterprise_credit_code,
    status: row.status,
    submittedAt: row.submitted_at,
  };
}

export function toApplicationEventRecord(row: Selectable<ApplicationEventsTable>): ApplicationEventRecord {
  return { applicationId: row.application_id, stage: row.stage, actor: row.actor, at: row.at, comment: row.comment };
}

export function toFeedbackRecord(row: Selectable<FeedbackTable>): FeedbackRecord {
  return { applicationId: row.application_id, rating: Number(row.rating), comment: row.comment, at: row.at };
}
