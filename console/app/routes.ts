import type { Claims } from '../shared/session';
import type { Dictionary } from './i18n';

/** The console's pages under /console/…, and who is offered each (the gateway still decides every field). */
export type PageId = 'catalog' | 'inbox' | 'access' | 'policies' | 'audit' | 'myData' | 'statistics';

export interface PageRoute {
  id: PageId;
  path: string;
  label: (t: Dictionary) => string;
  offeredTo: (claims: Claims) => boolean;
}

const has = (claims: Claims, ...roles: string[]) => roles.some((role) => claims.roles.includes(role));
const isStaff = (claims: Claims) => claims.dept !== null && !has(claims, 'citizen');

export const ROUTES: PageRoute[] = [
  { id: 'myData', path: '/console/my-data', label: (t) => t.navMyData, offeredTo: (c) => has(c, 'citizen') },
  { id: 'catalog', path: '/console/catalog', label: (t) => t.navCatalog, offeredTo: () => true },
  { id: 'inbox', path: '/console/applications', label: (t) => t.navInbox, offeredTo: isStaff },
  { id: 'access', path: '/console/access', label: (t) => t.navAccess, offeredTo: (c) => has(c, 'officer', 'auditor') },
  { id: 'policies', path: '/console/policies', label: (t) => t.navPolicies, offeredTo: (c) => has(c, 'officer') },
  { id: 'statistics', path: '/console/statistics', label: (t) => t.navStatistics, offeredTo: (c) => has(c, 'analyst', 'manager') },
  { id: 'audit', path: '/console/audit', label: (t) => t.navAudit, offeredTo: (c) => has(c, 'officer', 'auditor') },
];

export const SIGN_IN_PATH = '/console/sign-in';

export function routeOf(path: string): PageRoute | undefined {
  const clean = path.replace(/\/+$/, '');
  return ROUTES.find((route) => route.path === clean);
}

/** Moves to a console path without reloading (History API). */
export function navigate(path: string, replace = false): void {
  if (location.pathname === path) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
