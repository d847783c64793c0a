import { useState } from 'react';
import { decodeClaims, isExpired, type Session } from '../../shared/session';
import { PURPOSES } from '../../shared/vocabulary';
import { useT } from '../i18n';

const TOKEN_COMMAND = 'npm run token -- --sub staff-0002 --roles reviewer --dept market --clearance 3';

/** Development sign-in: paste a token `govgraph token` printed; choose a purpose and case. */
export function SignIn({ message, onSignIn }: { message: string | null; onSignIn(session: Session): void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [purpose, setPurpose] = useState('');
  const [caseId, setCaseId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signInTitle}</h1>
      {message && (
        <p className="note note-warn" role="alert">
          {message}
        </p>
      )}
      <p>{t.signInIntro}</p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const claims = decodeClaims(token);
          if (!claims) return setProblem(t.tokenInvalid);
          if (isExpired(claims)) return setProblem(t.tokenExpired);
          onSignIn({ token: token.trim(), purpose, caseId: caseId.trim() });
        }}
      >
        <label htmlFor="token">{t.tokenLabel}</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
          spellCheck={false}
          autoComplete="off"
          aria-describedby="token-hint"
        />
        <p id="token-hint" className="hint">
          {t.tokenHint} <code>{TOKEN_COMMAND}</code>
        </p>
        <div className="row">
          <label>
            {t.purpose}
            <select name="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
              <option value="">{t.purposeNone}</option>
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.caseId}
            <input name="caseId" value={caseId} onChange={(e) => setCaseId(e.target.value)} placeholder={t.caseIdHint} />
          </label>
        </div>
        {problem && (
          <p className="note note-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary">
          {t.signIn}
        </button>
      </form>
    </section>
  );
}
