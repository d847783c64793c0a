import { useState } from 'react';
import type { GraphQLErrorShape } from '../../shared/graphql';
import { labelOf, useT } from '../i18n';
import { useQuery, useRequest } from '../components/useGraphQL';
import { ErrorNote, Loading } from '../components/ErrorNote';
import { Badge } from '../components/Badge';
import { useSession } from '../session';
import { formatTime } from '../format';
import { Grants } from './Grants';

const APPLICATIONS = `query Applications { accessApplications {
  id applicant applicantDepartment provider coordinates purpose legalBasis until caseBound status appliedAt decidedAt decidedBy reason
  history { kind actor department at reason }
} }`;
const DECIDE = `mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $until: String, $caseBound: Boolean) {
  decideAccessApplication(id: $id, approve: $approve, reason: $reason, until: $until, caseBound: $caseBound) { id status }
}`;

export interface Application {
  id: string;
  applicant: string;
  applicantDepartment: string;
  provider: string;
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  until: string;
  caseBound: boolean;
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  appliedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  history: { kind: string; actor: string; department: string; at: string; reason: string | null }[];
}

const STATUS_KIND = { PENDING: 'info', APPROVED: 'ok', REFUSED: 'bad' } as const;

/** Access applications, pending first; officers of the providing department approve or refuse; then the grants. */
export function Inbox() {
  const t = useT();
  const applications = useQuery<{ accessApplications: Application[] | null }>(APPLICATIONS);
  const list = [...(applications.data?.accessApplications ?? [])].sort(
    (a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING') || b.appliedAt.localeCompare(a.appliedAt),
  );
  const pending = list.filter((a) => a.status === 'PENDING');
  const decided = list.filter((a) => a.status !== 'PENDING');
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.inboxTitle}</h1>
      <p className="intro">{t.inboxIntro}</p>
      <ErrorNote errors={applications.errors} />
      {applications.loading && !applications.data && <Loading />}
      {applications.data?.accessApplications && (
        <>
          <h2>
            {t.pending} ({pending.length})
          </h2>
          {pending.length === 0 && <p>{t.noApplications}</p>}
          {pending.map((application) => (
            <ApplicationCard key={application.id} application={application} onDecided={applications.reload} />
          ))}
          <h2>
            {t.decided} ({decided.length})
          </h2>
          {decided.length === 0 && <p>{t.noApplications}</p>}
          {decided.map((application) => (
            <ApplicationCard key={application.id} application={application} onDecided={applications.reload} />
          ))}
        </>
      )}
      <Grants />
    </section>
  );
}

function ApplicationCard({ application: a, onDecided }: { application: Application; onDecided(): void }) {
  const t = useT();
  const { claims } = useSession();
  const mayDecide = a.status === 'PENDING' && claims.roles.includes('officer') && claims.dept === a.provider;
  return (
    <article className="card" aria-labelledby={`app-${a.id}`}>
      <h3 id={`app-${a.id}`}>
        <span className="mono">{a.id}</span> <Badge kind={STATUS_KIND[a.status]}>{labelOf(t, 'status_', a.status)}</Badge>
      </h3>
      <dl className="facts">
        <div>
          <dt>{t.applicant}</dt>
          <dd>
            <span className="mono">{a.applicant}</span> · {labelOf(t, 'dept_', a.applicantDepartment)}
          </dd>
        </div>
        <div>
          <dt>{t.provider}</dt>
          <dd>{labelOf(t, 'dept_', a.provider)}</dd>
        </div>
        <div>
          <dt>{t.fields}</dt>
          <dd className="mono">{a.coordinates.join(', ')}</dd>
        </div>
        <div>
          <dt>{t.purpose}</dt>
          <dd>{a.purpose}</dd>
        </div>
        <div>
          <dt>{t.legalBasis}</dt>
          <dd>{a.legalBasis}</dd>
        </div>
        <div>
          <dt>{t.until}</dt>
          <dd>
            {formatTime(t, a.until)}
            {a.caseBound && ` · ${t.caseBound}`}
          </dd>
        </div>
        <div>
          <dt>{t.appliedAt}</dt>
          <dd>{formatTime(t, a.appliedAt)}</dd>
        </div>
        {a.decidedBy && (
          <div>
            <dt>{t.decidedBy}</dt>
            <dd>
              <span className="mono">{a.decidedBy}</span> · {formatTime(t, a.decidedAt)}
              {a.reason && ` · ${a.reason}`}
            </dd>
          </div>
        )}
      </dl>
      {a.status !== 'PENDING' && (
        <details>
          <summary>{t.history}</summary>
          <ol className="history">
            {a.history.map((step, i) => (
              <li key={i}>
                {formatTime(t, step.at)} · {labelOf(t, 'event_', step.kind)} · <span className="mono">{step.actor}</span> ({labelOf(t, 'dept_', step.department)})
                {step.reason && ` · ${step.reason}`}
              </li>
            ))}
          </ol>
        </details>
      )}
      {mayDecide && <DecideForm application={a} onDecided={onDecided} />}
    </article>
  );
}

function DecideForm({ application, onDecided }: { application: Application; onDecided(): void }) {
  const t = useT();
  const request = useRequest();
  const [until, setUntil] = useState('');
  const [caseBound, setCaseBound] = useState(application.caseBound);
  const [remark, setRemark] = useState('');
  const [refusal, setRefusal] = useState('');
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  const [missingReason, setMissingReason] = useState(false);
  const id = application.id;
  const decide = async (approve: boolean) => {
    if (!approve && !refusal.trim()) return setMissingReason(true);
    setMissingReason(false);
    const variables = approve ? { id, approve, reason: remark.trim() || null, until: until || null, caseBound } : { id, approve, reason: refusal.trim() };
    const result = await request(DECIDE, variables);
    setErrors(result.errors);
    if (!result.errors.length) onDecided();
  };
  return (
    <div className="decide">
      <form
        className="form"
        aria-label={`${t.approve} ${id}`}
        onSubmit={(event) => {
          event.preventDefault();
          void decide(true);
        }}
      >
        <div className="row">
          <label>
            {t.approveUntil}
            <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </label>
          <label>
            {t.remark}
            <input value={remark} onChange={(e) => setRemark(e.target.value)} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={caseBound} disabled={application.caseBound} onChange={(e) => setCaseBound(e.target.checked)} />
          {t.caseBound}
        </label>
        <button type="submit" className="primary">
          {t.approve}
        </button>
      </form>
      <form
        className="form"
        aria-label={`${t.refuse} ${id}`}
        onSubmit={(event) => {
          event.preventDefault();
          void decide(false);
        }}
      >
        <label>
          {t.refuseReason}
          <input value={refusal} onChange={(e) => setRefusal(e.target.value)} aria-invalid={missingReason || undefined} />
        </label>
        {missingReason && (
          <p className="note note-error" role="alert">
            {t.reasonRequired}
          </p>
        )}
        <button type="submit" className="danger">
          {t.refuse}
        </button>
      </form>
      <ErrorNote errors={errors} />
    </div>
  );
}
