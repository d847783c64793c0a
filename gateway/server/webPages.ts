import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';

/*
 * The pages the gateway serves to browsers: the query IDE at `/` (and at `/graphql` for a
 * browser) and the console at `/console`, both built from console/ into one directory. Government
 * networks are often air-gapped, so every page loads only this origin's files: no CDN, no font,
 * no external URL, and a Content-Security-Policy that forbids anything else.
 */

/** What a page may load and talk to: its own scripts and styles, and this origin's API. */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL's editor and dialogs set element styles at run time; no style sheet comes from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A page: the bundle it loads (`<name>.js`, `<name>.css`) and its title. */
export type WebPage = { bundle: 'ide' | 'console'; title: string };

export const IDE_PAGE: WebPage = { bundle: 'ide', title: 'govgraph — 查询图谱 · query the graph' };
export const CONSOLE_PAGE: WebPage = { bundle: 'console', title: 'govgraph 控制台 · console' };

/** The HTML shell of a page: the bundle does the rest. */
export function pageHtml(page: WebPage, hasStyle: boolean): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title}</title>
${hasStyle ? `<link rel="stylesheet" href="/assets/${page.bundle}.css">\n` : ''}<script src="/assets/${page.bundle}.js" defer></script>
</head>
<body>
<div id="root"></div>
<noscript>This page needs JavaScript. 本页面需要启用 JavaScript。 The API is at /graphql.</noscript>
</body>
</html>
`;
}

/** What a page says when the bundle was never built: how to build it, not a blank page. */
function notBuiltHtml(dir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>govgraph — pages not built</title></head>
<body><h1>The query IDE and console are not built</h1>
<p>The gateway serves them from <code>${escapeHtml(dir)}</code>, which holds no build. Run <code>npm ci</code> (it builds them) or <code>node console/build.js</code>, then reload. The API itself answers at <code>/graphql</code>.</p>
<p>查询界面与控制台尚未构建：请运行 <code>npm ci</code> 或 <code>node console/build.js</code> 后刷新。</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function securityHeaders(res: Response): void {
  res.setHeader('content-security-policy', WEB_CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

/** Serves a page's HTML shell, or says how to build it when `dir` holds no build (503). */
export function servePage(dir: string, page: WebPage): RequestHandler {
  return (_req: Request, res: Response) => {
    securityHeaders(res);
    res.setHeader('cache-control', 'no-cache');
    if (!fs.existsSync(path.join(dir, `${page.bundle}.js`))) {
      res.status(503).type('html').send(notBuiltHtml(dir));
      return;
    }
    res.type('html').send(pageHtml(page, fs.existsSync(path.join(dir, `${page.bundle}.css`))));
  };
}

/** `/assets/*`: the built scripts and style sheets, nothing else (no directory listing, no dot files). */
export function serveAssets(dir: string): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    securityHeaders(res);
    next();
  });
  router.use(express.static(dir, { index: false, dotfiles: 'deny', redirect: false, fallthrough: true, maxAge: '1h' }));
  return router;
}

/** A browser navigating to `/graphql` wants the IDE; an API client wants GraphQL. */
export function wantsPage(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}
