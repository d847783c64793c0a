import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './ide.css';
import { DEFAULT_QUERY } from './defaultQuery';
import { GOVGRAPH_PLUGIN } from './GovgraphPlugin';
import { useLang } from './lang';
import { getSession, sessionHeaders } from './session';
import { accessibleGraphiql } from './accessibleGraphiql';

const base = createGraphiQLFetcher({ url: new URL('/graphql', location.href).toString() });

/**
 * Every request carries the govgraph panel's reader (Authorization, X-Purpose, X-Case-Id) as it
 * stands when sent; a header typed into the headers editor overrides the panel's.
 */
const fetcher: Fetcher = (params, options) => base(params, { ...options, headers: withSessionHeaders(options?.headers ?? {}) });

/** The panel's headers under the editor's: names compared without case, so a typed `authorization` replaces the panel's rather than joining it. */
function withSessionHeaders(typed: Record<string, unknown>): Record<string, unknown> {
  const typedNames = new Set(Object.keys(typed).map((name) => name.toLowerCase()));
  const fromPanel = Object.entries(sessionHeaders(getSession())).filter(([name]) => !typedNames.has(name.toLowerCase()));
  return { ...Object.fromEntries(fromPanel), ...typed };
}

function Logo() {
  const { t, htmlLang } = useLang();
  return (
    <span className="govgraph-logo" lang={htmlLang}>
      {t.logo}
    </span>
  );
}

function Ide() {
  return (
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} plugins={[GOVGRAPH_PLUGIN]} isHeadersEditorEnabled>
      <GraphiQL.Logo>
        <Logo />
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

const root = document.getElementById('root')!;
createRoot(root).render(<Ide />);
accessibleGraphiql(root);
openOnce(root, `button[aria-label="Show ${GOVGRAPH_PLUGIN.title}"]`);

/**
 * Opens the govgraph panel once GraphiQL's sidebar shows its button. (GraphiQL 4.1's
 * `visiblePlugin` prop marks the plugin visible but leaves its pane collapsed on first load:
 * the sidebar button both selects the plugin and opens the pane.)
 */
function openOnce(container: HTMLElement, selector: string): void {
  const open = () => {
    const button = container.querySelector<HTMLButtonElement>(selector);
    if (!button) return false;
    button.click();
    return true;
  };
  if (open()) return;
  const observer = new MutationObserver(() => open() && observer.disconnect());
  observer.observe(container, { childList: true, subtree: true });
}
