import { useState } from 'react';
import { PURPOSES } from '../../shared/vocabulary';
import { useT } from '../i18n';
import { useRequest } from '../components/useGraphQL';
import { submitting } from '../components/submitting';
import { ErrorNote } from '../components/ErrorNote';
import type { GraphQLErrorShape } from '../../shared/graphql';
import { dateInDays } from '../format';

const APPLY = `mutation Apply($input: AccessApplicationInput!) { applyForAccess(input: $input) { id provider status } }`;

/** Applying for the selected conditional fields: purpose, legal basis, until, case-bound. */
export function ApplyForm({ coordinates, onApplied }: { coordinates: string[]; onApplied(ids: string): void }) {
  const t = useT();
  const request = useRequest();
  const [purpose, setPurpose] = useState<string>(PURPOSES[0]);
  const [legalBasis, setLegalBasis] = useState('');
  const [until, setUntil] = useState(dateInDays(30));
  const [caseBound, setCaseBound] = useState(false);
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  return (
    <section className="panel" aria-labelledby="apply-title">
      <h2 id="apply-title">{t.applyTitle}</h2>
      <p>{t.selectedFields(coordinates.length)}</p>
      <ul className="chips">
        {coordinates.map((c) => (
          <li key={c} className="mono">
            {c}
          </li>
        ))}
      </ul>
      <form
        className="form"
        onSubmit={submitting(async () => {
          const result = await request<{ applyForAccess: { id: string }[] }>(APPLY, { input: { coordinates, purpose, legalBasis, until, caseBound } });
          setErrors(result.errors);
          if (result.data?.applyForAccess) {
            onApplied(result.data.applyForAccess.map((a) => a.id).join(', '));
          }
        })}
      >
        <div className="row">
          <label>
            {t.purpose}
            <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.until}
            <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
          </label>
        </div>
        <label>
          {t.legalBasis}
          <input value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} required />
        </label>
        <label className="check">
          <input type="checkbox" checked={caseBound} onChange={(e) => setCaseBound(e.target.checked)} />
          {t.caseBound}
        </label>
        <button type="submit" className="primary">
          {t.applySubmit}
        </button>
      </form>
      <ErrorNote errors={errors} />
    </section>
  );
}
