/*
 * The signed-in session the console and the query IDE share: the bearer token a person pasted,
 * the purpose of use and the service case they declare. Kept in sessionStorage (gone when the
 * tab closes), never in localStorage. The token is decoded here only to show who signed in and
 * which pages to offer: the gateway verifies it and decides everything.
 */

/** The sessionStorage key, the same for the console and the IDE. */
export const SESSION_KEY = 'govgraph.session';

export interface Session {
  token: string;
  /** X-Purpose; '' for none. */
  purpose: string;
  /** X-Case-Id; '' for none. */
  caseId: string;
}

/** What the token says about its holder (unverified: for display and navigation only). */
export interface Claims {
  sub: string;
  roles: string[];
  dept: string | null;
  clearance: number;
  /** Expiry, seconds since the epoch; null when the token has none. */
  exp: number | null;
}

export function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== 'string' || !parsed.token) return null;
    return { token: parsed.token, purpose: typeof parsed.purpose === 'string' ? parsed.purpose : '', caseId: typeof parsed.caseId === 'string' ? parsed.caseId : '' };
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** A JWT's payload (base64url JSON), decoded but not verified; null when `part` does not decode to an object. */
export function decodeTokenPayload(part: string): Record<string, unknown> | null {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The claims of a JWT's payload, or null when it is not a JWT this platform issues. */
export function decodeClaims(token: string): Claims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const payload = decodeTokenPayload(parts[1]);
  if (!payload || typeof payload.sub !== 'string') return null;
  return {
    sub: payload.sub,
    roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [],
    dept: typeof payload.dept === 'string' ? payload.dept : null,
    clearance: typeof payload.clearance === 'number' ? payload.clearance : 1,
    exp: typeof payload.exp === 'number' ? payload.exp : null,
  };
}

/** Whether the token's expiry has passed (`now` in milliseconds). */
export function isExpired(claims: Claims, now = Date.now()): boolean {
  return claims.exp !== null && claims.exp * 1000 <= now;
}
