import { useState } from 'react';
import type { GraphQLErrorShape } from '../../shared/graphql';
import { useT } from '../i18n';
import { useRequest } from '../components/useGraphQL';
import { submitting } from '../components/submitting';
import { ErrorNote } from '../components/ErrorNote';
import { Badge } from '../components/Badge';
import { VersionsInForce } from './VersionsInForce';

const REVIEW = `query Review($files: [PolicyFileInput!], $revision: String) { policyReview(files: $files, revision: $revision) {
  base proposal widening
  changes { coordinate reader kind before after widening }
  problems { file line message }
} }`;

interface Review {
  base: string;
  proposal: string;
  widening: boolean;
  changes: { coordinate: string; reader: string; kind: string; before: string; after: string; widening: boolean }[];
  problems: { file: string | null; line: number | null; message: string }[];
}

/** A file's text, read in the browser (nothing is uploaded but the text sent to policyReview). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/** Policy changes: what proposed files or a git revision change against the policies in force, widening ones marked; and the versions in force. */
export function PolicyChanges() {
  const t = useT();
  const request = useRequest();
  const [files, setFiles] = useState<{ name: string; content: string }[]>([]);
  const [revision, setRevision] = useState('');
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);
  const [review, setReview] = useState<Review | null>(null);
  return (
    <section aria-labelledby="policies-title">
      <h1 id="policies-title">{t.policiesTitle}</h1>
      <p className="intro">{t.policiesIntro}</p>
      <form
        className="form panel"
        onSubmit={submitting(async () => {
          const variables = revision.trim() ? { revision: revision.trim() } : { files };
          const result = await request<{ policyReview: Review | null }>(REVIEW, variables);
          setErrors(result.errors);
          setReview(result.data?.policyReview ?? null);
        })}
      >
        <label>
          {t.policyFiles}
          <input
            type="file"
            accept=".yaml,.yml"
            multiple
            onChange={(e) => {
              const chosen = [...(e.target.files ?? [])];
              void Promise.all(chosen.map(async (file) => ({ name: file.name, content: await readText(file) }))).then(setFiles);
            }}
          />
        </label>
        {files.length > 0 && <p className="hint">{t.filesChosen(files.length)}</p>}
        <label>
          {t.revision}
          <input value={revision} onChange={(e) => setRevision(e.target.value)} placeholder={t.revisionHint} />
        </label>
        <button type="submit" className="primary" disabled={!files.length && !revision.trim()}>
          {t.review}
        </button>
        <p className="hint">
          {t.publishNote} <code>npx govgraph policy publish</code>
        </p>
      </form>
      <ErrorNote errors={errors} />
      {review && (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{t.changes}</h2>
          <p>
            {t.base} <span className="mono">{review.base.slice(0, 12)}</span> · {t.proposal} <span className="mono">{review.proposal}</span>
          </p>
          <p className={`note ${review.widening ? 'note-warn' : 'note-ok'}`}>{review.widening ? t.wideningSummary : t.notWideningSummary}</p>
          {review.changes.length === 0 ? (
            <p>{t.noChanges}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t.changes}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t.field}</th>
                    <th scope="col">{t.readerClass}</th>
                    <th scope="col">{t.change}</th>
                    <th scope="col">{t.before}</th>
                    <th scope="col">{t.after}</th>
                    <th scope="col">{t.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.changes.map((c, i) => (
                    <tr key={i} className={c.widening ? 'row-widening' : undefined}>
                      <th scope="row" className="mono">
                        {c.coordinate}
                      </th>
                      <td>{c.reader}</td>
                      <td>{c.kind}</td>
                      <td>{c.before}</td>
                      <td>{c.after}</td>
                      <td>{c.widening ? <Badge kind="bad">{t.widens}</Badge> : <Badge kind="muted">{t.narrows}</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t.problems}</h2>
          {review.problems.length === 0 ? (
            <p>{t.noProblems}</p>
          ) : (
            <ul className="problems">
              {review.problems.map((p, i) => (
                <li key={i}>
                  {p.file && (
                    <span className="mono">
                      {p.file}
                      {p.line !== null && `:${p.line}`}
                    </span>
                  )}{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <VersionsInForce />
    </section>
  );
}
