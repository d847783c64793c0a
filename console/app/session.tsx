import { createContext, useContext } from 'react';
import type { Claims, Session } from '../shared/session';

export interface SessionState {
  session: Session;
  claims: Claims;
  /** Changes the purpose or case the next requests declare. */
  update(session: Session): void;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in session (pages are shown only when there is one). */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession is used outside a signed-in page');
  return state;
}
