import { useEffect, useId, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useOperationsEditorState, type GraphiQLPlugin } from '@graphiql/react';
import { explainAccess, ExplainError, verdictOf, type AccessExplanation, type FieldDecision, type Verdict } from './explainAccess';
import { decodeToken, getSession, setSession, subscribeSession, type Session } from './session';
import { LANGS, type Texts } from './texts';
import { setLang, useLang } from './lang';

/** How long the query must rest before its decisions are asked for. */
const EXPLAIN_DELAY_MS = 400;

function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession);
}

function GovgraphIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M12 2.5 4 5.5v6c0 4.6 3.3 8.6 8 10 4.7-1.4 8-5.4 8-10v-6z" />
      <circle cx="12" cy="10" r="2.5" />
      <path d="M7.5 17c.9-2.2 2.5-3.3 4.5-3.3s3.6 1.1 4.5 3.3" />
    </svg>
  );
}

function LanguageSwitch() {
  const { lang, t } = useLang();
  return (
    <div className="govgraph-lang" role="group" aria-label={t.language}>
      {LANGS.map((entry) => (
        <button key={entry.lang} type="button" lang={entry.htmlLang} aria-pressed={entry.lang === lang} onClick={() => setLang(entry.lang)}>
          {entry.label}
        </button>
      ))}
    </div>
  );
}

function ReaderForm({ t, setStatus }: { t: Texts; setStatus: (status: string) => void }) {
  const session = useSession();
  const [draft, setDraft] = useState(session);
  const id = useId();
  useEffect(() => setDraft(session), [session]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setSession(draft);
    setStatus(draft.token.trim() ? t.applied : t.signedOut);
  };
  const clear = () => {
    setSession({ token: '', purpose: '', caseId: '' });
    setStatus(t.signedOut);
  };
  const field = (name: keyof Session) => ({
    id: `${id}-${name}`,
    name,
    value: draft[name],
    'aria-describedby': `${id}-${name}-hint`,
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <form className="govgraph-form" onSubmit={apply}>
      <label htmlFor={`${id}-token`}>{t.token}</label>
      <textarea {...field('token')} rows={3} spellCheck={false} autoComplete="off" autoCapitalize="off" className="govgraph-token" />
      <p id={`${id}-token-hint`} className="govgraph-hint">
        {t.tokenHint}
      </p>
      <label htmlFor={`${id}-purpose`}>{t.purpose}</label>
      <input {...field('purpose')} type="text" autoComplete="off" spellCheck={false} />
      <p id={`${id}-purpose-hint`} className="govgraph-hint">
        {t.purposeHint}
      </p>
      <label htmlFor={`${id}-caseId`}>{t.caseId}</label>
      <input {...field('caseId')} type="text" autoComplete="off" spellCheck={false} />
      <p id={`${id}-caseId-hint`} className="govgraph-hint">
        {t.caseIdHint}
      </p>
      <div className="govgraph-actions">
        <button type="submit" className="govgraph-primary">
          {t.apply}
        </button>
        <button type="button" onClick={clear}>
          {t.signOut}
        </button>
      </div>
    </form>
  );
}

function Identity({ t }: { t: Texts }) {
  const session = useSession();
  if (!session.token) return <p className="govgraph-identity">{t.anonymous}</p>;
  const claims = decodeToken(session.token);
  if (!claims) return <p className="govgraph-identity govgraph-problem">{t.unreadableToken}</p>;
  const expired = claims.exp !== null && claims.exp * 1000 <= Date.now();
  const rows: [string, string][] = [
    [t.sub, claims.sub ?? t.none],
    [t.roles, claims.roles.join(', ') || t.none],
    [t.dept, claims.dept ?? t.none],
    [t.clearance, claims.clearance === null ? t.none : String(claims.clearance)],
    [t.expires, claims.exp === null ? t.none : `${new Date(claims.exp * 1000).toLocaleString()}${expired ? ` (${t.expired})` : ''}`],
  ];
  return (
    <dl className="govgraph-identity">
      {rows.map(([term, value]) => (
        <div key={term} className={term === t.expires && expired ? 'govgraph-problem' : undefined}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Settled = { kind: 'failed'; reason: string; signIn: boolean } | { kind: 'explained'; explanation: AccessExplanation };

/** While asking again, the last answer stays on show (dimmed) rather than flickering away at each keystroke. */
type ExplainState = { kind: 'signedOut' } | { kind: 'empty' } | { kind: 'checking'; last: Settled | null } | Settled;

/** The decisions for the editor's query, asked for once the query has rested. */
function useExplanation(query: string, session: Session): ExplainState {
  const [state, setState] = useState<ExplainState>({ kind: 'checking', last: null });
  useEffect(() => {
    if (!session.token) return setState({ kind: 'signedOut' });
    if (!query.trim()) return setState({ kind: 'empty' });
    setState((before) => ({ kind: 'checking', last: before.kind === 'explained' || before.kind === 'failed' ? before : before.kind === 'checking' ? before.last : null }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      explainAccess(query, session, controller.signal).then(
        (explanation) => setState({ kind: 'explained', explanation }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const code = error instanceof ExplainError ? error.code : null;
          const reason = error instanceof Error ? error.message : String(error);
          // 401: the gateway does not accept the token (expired, not signed by it): sign in again.
          setState({ kind: 'failed', reason: code ? `${reason} (${code})` : reason, signIn: error instanceof ExplainError && error.status === 401 });
        },
      );
    }, EXPLAIN_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, session]);
  return state;
}

function decisionText(field: FieldDecision, verdict: Verdict, t: Texts): string {
  switch (verdict) {
    case 'allow':
      return t.allow;
    case 'mask':
      return t.mask(field.mask ?? '?');
    case 'ownRecord':
      return t.ownRecordOnly(field.ownRecord!);
    case 'caseParties':
      return t.casePartiesOnly(field.caseParties!);
    case 'deny':
      return t.deny;
  }
}

/** What else the field gives beyond its main decision: own record, case parties, a grant. */
function extrasOf(field: FieldDecision, verdict: Verdict, t: Texts): string[] {
  const extras: string[] = [];
  if (field.ownRecord && verdict !== 'ownRecord' && field.ownRecord !== field.access) extras.push(t.orOwnRecord(field.ownRecord));
  if (field.caseParties && verdict !== 'caseParties' && field.caseParties !== field.access) extras.push(t.orCaseParties(field.caseParties));
  if (field.grant) extras.push(t.viaGrant(field.grant));
  return extras;
}

type Judged = { field: FieldDecision; verdict: Verdict };

function Summary({ fields, t }: { fields: Judged[]; t: Texts }) {
  const denied = fields.filter((entry) => entry.verdict === 'deny');
  const limited = fields.filter((entry) => entry.verdict === 'ownRecord' || entry.verdict === 'caseParties');
  const masked = fields.filter((entry) => entry.verdict === 'mask');
  const names = (entries: Judged[]) => entries.map((entry) => entry.field.path).join(', ');
  return (
    <div className="govgraph-summary">
      {denied.length > 0 && <p className="govgraph-summary-deny">{t.withheld(denied.length, names(denied))}</p>}
      {limited.length > 0 && <p className="govgraph-summary-limited">{t.limited(limited.length, names(limited))}</p>}
      {masked.length > 0 && <p className="govgraph-summary-mask">{t.masked(masked.length)}</p>}
      {denied.length === 0 && limited.length === 0 && <p className="govgraph-summary-allow">{t.allAllowed(fields.length)}</p>}
    </div>
  );
}

function FieldList({ fields, t }: { fields: Judged[]; t: Texts }) {
  return (
    <>
      <p className="govgraph-hint">{t.decisionsIntro}</p>
      <ul className="govgraph-fields">
        {fields.map(({ field, verdict }) => (
          <li key={field.path} className={`govgraph-field govgraph-${verdict}`} data-path={field.path} data-verdict={verdict}>
            <div className="govgraph-field-head">
              <code title={field.coordinate}>{field.path}</code>
              <span className="govgraph-badge">{decisionText(field, verdict, t)}</span>
            </div>
            <div className="govgraph-rule">
              <span className="govgraph-label">{t.rule}:</span> {field.rule}
              {extrasOf(field, verdict, t).map((extra) => (
                <span key={extra} className="govgraph-extra">
                  {' '}
                  · {extra}
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The announcement (a status region, read out when it changes) and the field list (not read out: too long). */
function shown(state: ExplainState, t: Texts): { status: ReactNode; list: ReactNode } {
  switch (state.kind) {
    case 'signedOut':
      return { status: <p className="govgraph-notice">{t.signInForDecisions}</p>, list: null };
    case 'empty':
      return { status: <p className="govgraph-notice">{t.emptyQuery}</p>, list: null };
    case 'checking': {
      if (!state.last) return { status: <p className="govgraph-notice">{t.checking}</p>, list: null };
      const last = shown(state.last, t);
      return { status: last.status, list: last.list };
    }
    case 'failed':
      return {
        status: (
          <p className="govgraph-notice govgraph-problem">
            {t.explainFailed(state.reason)}
            {state.signIn && ` ${t.signInForDecisions}`}
          </p>
        ),
        list: null,
      };
    case 'explained': {
      const { explanation } = state;
      if (!explanation.valid) {
        return {
          status: (
            <div className="govgraph-notice govgraph-problem">
              <p>{t.invalidQuery}</p>
              <ul>
                {explanation.errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </div>
          ),
          list: null,
        };
      }
      const fields = explanation.fields.map((field) => ({ field, verdict: verdictOf(field) }));
      return {
        status: (
          <>
            <p className="govgraph-purpose">{t.forPurpose(explanation.purpose)}</p>
            <Summary fields={fields} t={t} />
          </>
        ),
        list: <FieldList fields={fields} t={t} />,
      };
    }
  }
}

function Decisions({ t }: { t: Texts }) {
  const session = useSession();
  const [query] = useOperationsEditorState();
  const state = useExplanation(query, session);
  const { status, list } = shown(state, t);
  const stale = state.kind === 'checking' && state.last !== null;
  return (
    <section className={stale ? 'govgraph-decisions govgraph-stale' : 'govgraph-decisions'} aria-labelledby="govgraph-decisions-title" aria-busy={state.kind === 'checking'}>
      <h3 id="govgraph-decisions-title">{t.decisions}</h3>
      {stale && <p className="govgraph-hint">{t.checking}</p>}
      <div role="status">{status}</div>
      {list}
    </section>
  );
}

/** Who the IDE speaks as: open to sign in, folded to one line once a token is applied. */
function Reader({ t }: { t: Texts }) {
  const session = useSession();
  const [status, setStatus] = useState('');
  const claims = session.token ? decodeToken(session.token) : null;
  const expired = claims?.exp != null && claims.exp * 1000 <= Date.now();
  const who = !session.token
    ? t.anonymous
    : claims
      ? [claims.sub, claims.roles.join(', '), claims.dept, expired ? t.expired : null].filter(Boolean).join(' · ')
      : t.unreadableToken;
  return (
    <>
      <details className="govgraph-reader" key={session.token ? 'signed-in' : 'signed-out'} open={!session.token}>
        <summary>
          <span className="govgraph-label">{t.reader}</span> {who}
          {session.purpose && ` · ${session.purpose}`}
          {session.caseId && ` · ${session.caseId}`}
        </summary>
        <ReaderForm t={t} setStatus={setStatus} />
        <h3>{t.identity}</h3>
        <Identity t={t} />
      </details>
      <p className="govgraph-status" role="status">
        {status}
      </p>
    </>
  );
}

function GovgraphPanel() {
  const { t, htmlLang } = useLang();
  return (
    <div className="govgraph-panel" lang={htmlLang}>
      <div className="govgraph-panel-head">
        <h2>{t.panelTitle}</h2>
        <LanguageSwitch />
      </div>
      <p className="govgraph-intro">{t.intro}</p>
      <Reader t={t} />
      <Decisions t={t} />
    </div>
  );
}

/** The govgraph panel: who the IDE speaks as, and what each field of the query will give them. */
export const GOVGRAPH_PLUGIN: GraphiQLPlugin = { title: 'govgraph', icon: GovgraphIcon, content: GovgraphPanel };
