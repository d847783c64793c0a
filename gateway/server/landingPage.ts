import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/*
 * The query IDE served at `/` and to browsers at `/graphql`. Government networks are often
 * air-gapped, so the page is self-contained: no CDN, no font, no external URL; the
 * Content-Security-Policy lets it load nothing but itself and talk only to this origin.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px system-ui,sans-serif;color:#1b1f24;background:#f4f5f7;display:flex;flex-direction:column;height:100vh}
header{display:flex;align-items:center;gap:12px;padding:8px 14px;background:#17324d;color:#fff}
header h1{font-size:16px;margin:0;font-weight:600}
header span{opacity:.75;font-size:12px}
header button{margin-left:auto;padding:6px 18px;font-size:14px;border:0;border-radius:4px;background:#2e8540;color:#fff;cursor:pointer}
header button:disabled{background:#6b7785;cursor:wait}
main{flex:1;display:grid;grid-template-columns:1fr 1fr;gap:10px;padding:10px;min-height:0}
section{display:flex;flex-direction:column;gap:6px;min-height:0}
label{font-size:12px;font-weight:600;color:#4a5562}
textarea,pre{font:13px ui-monospace,Menlo,Consolas,monospace;border:1px solid #c8ced6;border-radius:4px;background:#fff;padding:8px;margin:0}
textarea{resize:none}
#query{flex:3}#variables,#headers{flex:1}
pre{flex:1;overflow:auto;white-space:pre-wrap}
#status{font-size:12px;color:#4a5562;min-height:1em}
`;

const SCRIPT = `
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var endpoint = new URL('graphql', location.href).pathname;
  ['query', 'variables'].forEach(function (id) {
    var saved = localStorage.getItem('govgraph.' + id);
    if (saved) $(id).value = saved;
    $(id).addEventListener('input', function () { localStorage.setItem('govgraph.' + id, $(id).value); });
  });
  function json(id) {
    var text = $(id).value.trim();
    if (!text) return {};
    try { return JSON.parse(text); } catch (e) { throw new Error(id + ' is not valid JSON: ' + e.message); }
  }
  async function run() {
    var button = $('run');
    $('status').textContent = '';
    var variables, headers;
    try { variables = json('variables'); headers = json('headers'); }
    catch (e) { $('result').textContent = e.message; return; }
    button.disabled = true;
    var started = Date.now();
    try {
      var response = await fetch(endpoint, {
        method: 'POST',
        headers: Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, headers),
        body: JSON.stringify({ query: $('query').value, variables: variables })
      });
      var text = await response.text();
      try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
      $('result').textContent = text;
      $('status').textContent = 'HTTP ' + response.status + ' in ' + (Date.now() - started) + ' ms, request id ' + (response.headers.get('x-request-id') || '-');
    } catch (e) {
      $('result').textContent = 'The gateway could not be reached: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); }
  });
})();
`;

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govgraph — query the graph</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>govgraph</h1><span>one graph over every department's data — Ctrl+Enter runs the query</span><button id="run" type="button">Run</button></header>
<main>
<section>
<label for="query">Query</label>
<textarea id="query" spellcheck="false">query {
  __typename
}</textarea>
<label for="variables">Variables (JSON)</label>
<textarea id="variables" spellcheck="false">{}</textarea>
<label for="headers">Headers (JSON: Authorization, X-Purpose)</label>
<textarea id="headers" spellcheck="false" placeholder='{"Authorization": "Bearer …", "X-Purpose": "…"}'></textarea>
</section>
<section>
<label for="result">Result</label>
<pre id="result" aria-live="polite"></pre>
<div id="status"></div>
</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export const landingPage = {
  html: HTML,
  contentSecurityPolicy: [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
} as const;

/** Sends the query IDE. */
export function serveLandingPage(_req: Request, res: Response): void {
  res.setHeader('content-security-policy', landingPage.contentSecurityPolicy);
  res.type('html').send(landingPage.html);
}

/** A browser navigating to `/graphql` wants the IDE; an API client wants GraphQL. */
export function wantsLandingPage(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}
