import { createHash } from 'node:crypto';
import { landingPage } from '../../gateway/server/landingPage';

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('landing page', () => {
  it('references no external URL in any src or href', () => {
    const references = [...landingPage.html.matchAll(/\b(?:src|href|action)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(references.filter((ref) => /^(?:[a-z]+:)?\/\//i.test(ref))).toEqual([]);
  });

  it('contains no http:// or https:// URL at all', () => {
    expect(landingPage.html).not.toMatch(/https?:\/\//);
  });

  it('has a query, variables and headers editor, a Run button and a result pane', () => {
    for (const id of ['query', 'variables', 'headers', 'run', 'result']) expect(landingPage.html).toContain(`id="${id}"`);
  });

  it('allows exactly its own inline script and style in its Content-Security-Policy', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(landingPage.html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(landingPage.html)![1];
    expect(landingPage.contentSecurityPolicy).toContain(`script-src ${hashOf(script)}`);
    expect(landingPage.contentSecurityPolicy).toContain(`style-src ${hashOf(style)}`);
    expect(landingPage.contentSecurityPolicy).toContain("default-src 'none'");
  });
});
