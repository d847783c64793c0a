import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../cli/main';
import { UsageError } from '../../cli/parseOptions';

/**
 * The documentation is README.md and docs/*.md. Every command of the CLI is named there as
 * `govgraph <command> [subcommand]`, and every relative link in it leads somewhere.
 */
const ROOT = path.resolve(__dirname, '../..');
const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/**
 * The commands that dispatch to subcommands. Asked for with no subcommand, each refuses with
 * its usage, which names every subcommand as `govgraph <command> <subcommand>`. Only these are
 * probed: any other command run without arguments would do its work (start servers, seed).
 */
const DISPATCHERS = ['policy', 'audit', 'operations', 'exchange'];

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

/** The text outside fenced code blocks, where headings and links are. */
function prose(markdown: string): string {
  return markdown.replace(/^ *(```|~~~)[^\n]*\n[\s\S]*?^ *\1[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = slugOf(heading);
    let unique = slug;
    for (let n = 1; anchors.has(unique); n++) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
}

/** Inline links `[text](target)` outside code: the target as written. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

function isRelative(target: string): boolean {
  return !/^[a-z][a-z+.-]*:/i.test(target);
}

async function subcommandsOf(command: string): Promise<string[]> {
  let usage: string | null = null;
  try {
    await COMMANDS[command].run()([]);
  } catch (error) {
    if (error instanceof UsageError) usage = error.message;
    else throw error;
  }
  if (usage === null) throw new Error(`govgraph ${command} without a subcommand ran instead of refusing with its usage`);
  const names = [...usage.matchAll(new RegExp(`govgraph ${command} ([a-z][a-z-]*)`, 'g'))].map((m) => m[1]);
  if (names.length === 0) throw new Error(`the usage of govgraph ${command} names no subcommand as 'govgraph ${command} <subcommand>':\n${usage}`);
  return [...new Set(names)];
}

describe('documentation', () => {
  const documentation = DOCS.map(read).join('\n');
  const documented = (words: string) => new RegExp(`\\bgovgraph ${words}(?![\\w-])`).test(documentation);

  it('a CLI command or subcommand → named as `govgraph <command> [subcommand]` in README.md or docs/*.md', async () => {
    expect(DISPATCHERS.filter((name) => !(name in COMMANDS))).toEqual([]);
    const commands = Object.keys(COMMANDS);
    for (const dispatcher of DISPATCHERS) commands.push(...(await subcommandsOf(dispatcher)).map((sub) => `${dispatcher} ${sub}`));
    const undocumented = commands.filter((command) => !documented(command)).map((command) => `govgraph ${command}`);
    expect(undocumented).toEqual([]);
  });

  it('a relative link → a file that exists', () => {
    const broken = DOCS.flatMap((file) =>
      linksOf(read(file))
        .filter(isRelative)
        .map((target) => ({ file, target, path: decodeURI(target.split('#')[0]) }))
        .filter((link) => link.path !== '' && !fs.existsSync(path.resolve(ROOT, path.dirname(link.file), link.path)))
        .map((link) => `${link.file}: (${link.target}) → no file ${path.join(path.dirname(link.file), link.path)}`),
    );
    expect(broken).toEqual([]);
  });

  it('a link to a heading of a markdown file → that heading exists', () => {
    const broken = DOCS.flatMap((file) =>
      linksOf(read(file))
        .filter((target) => isRelative(target) && target.includes('#'))
        .map((target) => {
          const [targetFile, anchor] = target.split('#');
          const resolved = targetFile === '' ? file : path.join(path.dirname(file), decodeURI(targetFile));
          return { file, target, resolved, anchor };
        })
        .filter((link) => link.resolved.endsWith('.md') && fs.existsSync(path.join(ROOT, link.resolved)))
        .filter((link) => !anchorsOf(read(link.resolved)).has(decodeURIComponent(link.anchor)))
        .map((link) => `${link.file}: (${link.target}) → no heading '#${link.anchor}' in ${link.resolved}`),
    );
    expect(broken).toEqual([]);
  });
});
