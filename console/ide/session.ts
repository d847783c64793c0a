/**
 * The reader the IDE speaks as: a token, a purpose and a case id, kept for this tab in
 * sessionStorage under the key the console uses too (signing in there carries over here).
 * The token goes only into requests to this origin's /graphql.
 */
import { decodeTokenPayload, SESSION_KEY, type Session } from '../shared/session';

export { SESSION_KEY, type Session };

const EMPTY: Session = { token: '', purpose: '', caseId: '' };

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function read(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Record<string, unknown> | null;
    if (!stored || typeof stored !== 'object') return EMPTY;
    return { token: text(stored.token), purpose: text(stored.purpose), caseId: text(stored.caseId) };
  } catch {
    return EMPTY;
  }
}

let current: Session = read();
const listeners = new Set<() => void>();

/** The session in force (a stable object until it changes: useSyncExternalStore's snapshot). */
export function getSession(): Session {
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores the session (an empty token clears it); keeps whatever else the console stored under the key. */
export function setSession(next: Session): void {
  // A token pasted with its scheme (`Bearer eyJ…`, as a header shows it) is kept without.
  current = { token: next.token.trim().replace(/^bearer\s+/i, ''), purpose: next.purpose.trim(), caseId: next.caseId.trim() };
  try {
    if (!current.token && !current.purpose && !current.caseId) sessionStorage.removeItem(SESSION_KEY);
    else {
      const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '{}') as Record<string, unknown>;
      sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...(stored && typeof stored === 'object' ? stored : {}), ...current }));
    }
  } catch {
    // Storage refused (private mode, quota): the session holds for this page only.
  }
  listeners.forEach((listener) => listener());
}

/** The request headers the session gives: Authorization, X-Purpose, X-Case-Id (only those set). */
export function sessionHeaders(session: Session): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (session.purpose) headers['X-Purpose'] = session.purpose;
  if (session.caseId) headers['X-Case-Id'] = session.caseId;
  return headers;
}

/** What a token's payload says, decoded for display only: the gateway verifies it, this page does not. */
export interface TokenClaims {
  sub: string | null;
  roles: string[];
  dept: string | null;
  clearance: number | null;
  /** Expiry, seconds since the epoch. */
  exp: number | null;
}

export function decodeToken(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  const claims = part ? decodeTokenPayload(part) : null;
  if (!claims) return null;
  return {
    sub: typeof claims.sub === 'string' ? claims.sub : null,
    roles: Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [],
    dept: typeof claims.dept === 'string' ? claims.dept : null,
    clearance: typeof claims.clearance === 'number' ? claims.clearance : null,
    exp: typeof claims.exp === 'number' ? claims.exp : null,
  };
}
