import { useState } from 'react';
import type { GraphQLErrorShape } from '../../shared/graphql';
import { labelOf, useT } from '../i18n';
import { useQuery, useRequest } from '../components/useGraphQL';
import { submitting } from '../components/submitting';
import { ErrorNote } from '../components/ErrorNote';
import { Badge } from '../components/Badge';
import { useSession } from '../session';
import { formatTime } from '../format';

const GRANTS = `query Grants { grants { id applicationId grantee provider coordinates purpose until caseBound approvedBy approvedAt status revokedAt revokedBy revokeReason } }`;
const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id status } }`;

interface Grant {
  id: string;
  applicationId: string;
  grantee: string;
  provider: string;
  coordinates: string[];
  purpose: string;
  until: string;
  caseBound: boolean;
  approvedBy: string;
  approvedAt: string;
  status: 'IN_FORCE' | 'EXPIRED' | 'REVOKED';
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const STATUS_KIND = { IN_FORCE: 'ok', EXPIRED: 'muted', REVOKED: 'bad' } as const;

/** The grants of the signed-in person's department; the provider's officers revoke them with a reason. */
export function Grants() {
  const t = useT();
  const grants = useQuery<{ grants: Grant[] | null }>(GRANTS);
  const list = grants.data?.grants;
  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">{t.grantsTitle}</h2>
      <ErrorNote errors={grants.errors} />
      {list && list.length === 0 && <p>{t.noGrants}</p>}
      {list && list.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.grantsTitle}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t.grant}</th>
                <th scope="col">{t.grantee}</th>
                <th scope="col">{t.provider}</th>
                <th scope="col">{t.fields}</th>
                <th scope="col">{t.purpose}</th>
                <th scope="col">{t.until}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.revoke}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((grant) => (
                <tr key={grant.id}>
                  <th scope="row" className="mono">
                    {grant.id}
                    <span className="sub">{grant.applicationId}</span>
                  </th>
                  <td className="nowrap">{labelOf(t, 'dept_', grant.grantee)}</td>
                  <td className="nowrap">{labelOf(t, 'dept_', grant.provider)}</td>
                  <td className="mono">{grant.coordinates.join(', ')}</td>
                  <td>
                    {grant.purpose}
                    {grant.caseBound && <span className="sub">{t.caseBound}</span>}
                  </td>
                  <td>{formatTime(t, grant.until)}</td>
                  <td>
                    <Badge kind={STATUS_KIND[grant.status]}>{labelOf(t, 'grantStatus_', grant.status)}</Badge>
                    {grant.revokeReason && <span className="sub">{grant.revokeReason}</span>}
                  </td>
                  <td>
                    <RevokeForm grant={grant} onRevoked={grants.reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RevokeForm({ grant, onRevoked }: { grant: Grant; onRevoked(): void }) {
  const t = useT();
  const { claims } = useSession();
  const request = useRequest();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  if (grant.status !== 'IN_FORCE' || !claims.roles.includes('officer') || claims.dept !== grant.provider) return null;
  return (
    <form
      className="inline-form"
      onSubmit={submitting(async () => {
        const result = await request(REVOKE, { id: grant.id, reason: reason.trim() });
        setErrors(result.errors);
        if (!result.errors.length) onRevoked();
      })}
    >
      <label>
        <span className="visually-hidden">
          {t.revokeReason} {grant.id}
        </span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t.revokeReason} required />
      </label>
      <button type="submit" className="danger">
        {t.revoke}
      </button>
      <ErrorNote errors={errors} />
    </form>
  );
}
