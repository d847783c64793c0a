import { useState } from 'react';
import { PURPOSES } from '../shared/vocabulary';
import { labelOf, useT, type Lang } from './i18n';
import { navigate, type PageId, type PageRoute } from './routes';
import { SessionContext, useSession } from './session';
import { useContext } from 'react';
import { formatTime } from './format';

interface HeaderProps {
  lang: Lang;
  setLang(lang: Lang): void;
  routes: PageRoute[];
  current: PageId | null;
  /** Null when nobody is signed in. */
  onSignOut: (() => void) | null;
}

/** The banner: the console's name, who is signed in with their purpose and case, the language switch and the navigation. */
export function Header({ lang, setLang, routes, current, onSignOut }: HeaderProps) {
  const t = useT();
  const signedIn = useContext(SessionContext) !== null;
  /** On a phone, who is signed in and the navigation fold into a menu. */
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className="banner">
      <div className="banner-top">
        <p className="app-title">
          <span className="emblem" aria-hidden="true">
            ◆
          </span>
          {t.appTitle}
        </p>
        <div className="banner-actions">
          {signedIn && (
            <button type="button" className="link-button menu-button" aria-expanded={menuOpen} aria-controls="banner-menu" onClick={() => setMenuOpen(!menuOpen)}>
              {t.menu}
            </button>
          )}
          <button
            type="button"
            className="link-button"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={`${t.languageSwitch} · ${t.languageSwitchLabel}`}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t.languageSwitch}
          </button>
          {onSignOut && (
            <button type="button" className="link-button" onClick={onSignOut}>
              {t.signOut}
            </button>
          )}
        </div>
      </div>
      <div id="banner-menu" className={`banner-menu${menuOpen ? ' open' : ''}`}>
        {signedIn && <Identity />}
        {routes.length > 0 && (
          <nav aria-label={t.mainNav} className="main-nav">
            <ul>
              {routes.map((route) => (
                <li key={route.id}>
                  <a
                    href={route.path}
                    aria-current={route.id === current ? 'page' : undefined}
                    onClick={(event) => {
                      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                      event.preventDefault();
                      navigate(route.path);
                      setMenuOpen(false);
                      // Focus on the new page's content for screen readers, with the page shown from its top.
                      document.getElementById('main')?.focus({ preventScroll: true });
                      window.scrollTo(0, 0);
                    }}
                  >
                    {route.label(t)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}

/** Who is signed in (from the token, unverified) and the purpose and case the requests declare. */
function Identity() {
  const t = useT();
  const { session, claims, update } = useSession();
  const [purpose, setPurpose] = useState(session.purpose);
  const [caseId, setCaseId] = useState(session.caseId);
  const changed = purpose !== session.purpose || caseId.trim() !== session.caseId;
  return (
    <div className="identity">
      <dl className="who">
        <div>
          <dt>{t.signedInAs}</dt>
          <dd className="mono">{claims.sub}</dd>
        </div>
        <div>
          <dt>{t.roles}</dt>
          <dd>{claims.roles.join(', ') || t.none}</dd>
        </div>
        {claims.dept && (
          <div>
            <dt>{t.department}</dt>
            <dd>{labelOf(t, 'dept_', claims.dept)}</dd>
          </div>
        )}
        <div>
          <dt>{t.clearance}</dt>
          <dd>{labelOf(t, 'sensitivity_', claims.clearance)}</dd>
        </div>
        {claims.exp && (
          <div>
            <dt>{t.expires}</dt>
            <dd>{formatTime(t, new Date(claims.exp * 1000).toISOString())}</dd>
          </div>
        )}
      </dl>
      <form
        className="declare"
        onSubmit={(event) => {
          event.preventDefault();
          update({ ...session, purpose, caseId: caseId.trim() });
        }}
      >
        <label>
          {t.purpose}
          <select value={purpose} onChange={(e) => setPurpose(e.target.value)}>
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
          <input value={caseId} onChange={(e) => setCaseId(e.target.value)} placeholder={t.caseIdHint} size={14} />
        </label>
        <button type="submit" disabled={!changed}>
          {t.apply}
        </button>
      </form>
    </div>
  );
}
