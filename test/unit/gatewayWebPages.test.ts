import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import { CONSOLE_PAGE, IDE_PAGE, pageHtml, serveAssets, servePage, WEB_CONTENT_SECURITY_POLICY } from '../../gateway/server/webPages';

/** The IDE and console shells and their assets, over a made-up build directory. */
describe('gateway web pages', () => {
  const built = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-web-'));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-web-empty-'));
  let server: Server;
  let base: string;

  beforeAll(async () => {
    fs.writeFileSync(path.join(built, 'ide.js'), 'console.log("ide")');
    fs.writeFileSync(path.join(built, 'ide.css'), 'body{}');
    fs.writeFileSync(path.join(built, 'console.js'), 'console.log("console")');
    fs.writeFileSync(path.join(built, '.secret'), 'no');
    const app = express();
    app.get('/', servePage(built, IDE_PAGE));
    app.get('/console', servePage(built, CONSOLE_PAGE));
    app.get('/unbuilt', servePage(empty, IDE_PAGE));
    app.use('/assets', serveAssets(built));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
    for (const dir of [built, empty]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a page shell → references only same-origin paths, no URL of another host', () => {
    const html = pageHtml(IDE_PAGE, true);
    const references = [...html.matchAll(/\b(?:src|href|action)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(references).toEqual(['/assets/ide.css', '/assets/ide.js']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('the IDE → its shell with a policy that lets it load and call only its own origin', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(await response.text()).toContain('<script src="/assets/ide.js" defer></script>');
  });

  it('a bundle without a style sheet → the shell links none', async () => {
    expect(await (await fetch(`${base}/console`)).text()).not.toContain('console.css');
  });

  it('no build in the directory → 503 saying how to build it', async () => {
    const response = await fetch(`${base}/unbuilt`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('node console/build.js');
  });

  it('a built asset → served with the same policy', async () => {
    const response = await fetch(`${base}/assets/ide.js`);
    expect({ status: response.status, csp: response.headers.get('content-security-policy'), body: await response.text() }).toEqual({
      status: 200,
      csp: WEB_CONTENT_SECURITY_POLICY,
      body: 'console.log("ide")',
    });
  });

  it.each([
    ['a dot file', '/assets/.secret'],
    ['a path out of the directory', '/assets/..%2f..%2fetc%2fpasswd'],
    ['a missing file', '/assets/nothing.js'],
  ])('%s → not served', async (_what, url) => {
    const response = await fetch(`${base}${url}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toMatch(/^no$|root:x/m);
  });
});
