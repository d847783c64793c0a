import { useEffect, useMemo, useState, type ComponentType } from 'react';
import { decodeClaims, isExpired, readSession, writeSession, type Session } from '../shared/session';
import { setUnauthenticatedHandler } from '../shared/graphql';
import { DICTIONARIES, I18nContext, storedLang, storeLang, type Lang } from './i18n';
import { SessionContext } from './session';
import { navigate, routeOf, ROUTES, SIGN_IN_PATH, type PageId } from './routes';
import { Header } from './Header';
import { SignIn } from './pages/SignIn';
import { Catalog } from './pages/Catalog';
import { Inbox } from './pages/Inbox';
import { WhoSeesWhat } from './pages/WhoSeesWhat';
import { PolicyChanges } from './pages/PolicyChanges';
import { Audit } from './pages/Audit';
import { MyData } from './pages/MyData';
import { Statistics } from './pages/Statistics';

const PAGES: Record<PageId, ComponentType> = {
  catalog: Catalog,
  inbox: Inbox,
  access: WhoSeesWhat,
  policies: PolicyChanges,
  audit: Audit,
  myData: MyData,
  statistics: Statistics,
};

/** The console: sign-in, then the pages the signed-in person's roles are offered, under /console/…. */
export function App() {
  const [lang, setLang] = useState<Lang>(storedLang);
  const [session, setSession] = useState<Session | null>(readSession);
  const [path, setPath] = useState(location.pathname);
  /** Why the person was sent back to sign in, if they were. */
  const [ended, setEnded] = useState<string | null>(null);
  const t = DICTIONARIES[lang];
  const claims = useMemo(() => (session ? decodeClaims(session.token) : null), [session]);

  useEffect(() => storeLang(lang), [lang]);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const signOut = (reason: string | null) => {
    writeSession(null);
    setSession(null);
    setEnded(reason);
    navigate(SIGN_IN_PATH, true);
  };
  useEffect(() => setUnauthenticatedHandler((reason) => signOut(`${t.sessionEnded}${reason}`)), [t]);

  // A token that is not one, or has expired: back to sign-in, saying why.
  const signedIn = session !== null && claims !== null && !isExpired(claims);
  useEffect(() => {
    if (session && claims && isExpired(claims)) return signOut(t.tokenExpired);
    if (session && !claims) return signOut(t.tokenInvalid);
    // A token that expires while the page is open ends the session then, not at the next request.
    if (!claims?.exp) return;
    const timer = setTimeout(() => signOut(t.tokenExpired), Math.min(claims.exp * 1000 - Date.now(), 2_147_483_647));
    return () => clearTimeout(timer);
  }, [session, claims]);

  const offered = signedIn ? ROUTES.filter((route) => route.offeredTo(claims)) : [];
  const route = routeOf(path);
  useEffect(() => {
    if (!signedIn && path !== SIGN_IN_PATH) navigate(SIGN_IN_PATH, true);
    const clean = path.replace(/\/+$/, '');
    if (signedIn && offered[0] && (clean === '/console' || clean === SIGN_IN_PATH)) navigate(offered[0].path, true);
  }, [signedIn, path]);

  useEffect(() => {
    document.title = `${route && signedIn ? `${route.label(t)} · ` : ''}${t.appTitle} · govgraph`;
  }, [route, signedIn, t]);

  const Page = route && signedIn ? PAGES[route.id] : null;
  return (
    <I18nContext.Provider value={t}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      {signedIn ? (
        <SessionContext.Provider
          value={{
            session: session!,
            claims: claims!,
            update: (next) => {
              writeSession(next);
              setSession(next);
            },
          }}
        >
          <Header lang={lang} setLang={setLang} routes={offered} current={route?.id ?? null} onSignOut={() => signOut(null)} />
          <main id="main" tabIndex={-1}>
            {Page ? <Page key={route!.id} /> : <p className="note">{t.notFound}</p>}
          </main>
        </SessionContext.Provider>
      ) : (
        <>
          <Header lang={lang} setLang={setLang} routes={[]} current={null} onSignOut={null} />
          <main id="main" tabIndex={-1}>
            <SignIn
              message={ended}
              onSignIn={(next) => {
                writeSession(next);
                setEnded(null);
                setSession(next);
                const first = ROUTES.find((r) => r.offeredTo(decodeClaims(next.token)!));
                navigate(first?.path ?? '/console/catalog', true);
              }}
            />
          </main>
        </>
      )}
    </I18nContext.Provider>
  );
}
