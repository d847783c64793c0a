import fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
}

/** The processes started by `pid`, and by those, from Linux's /proc: to find a department `govgraph start` forked. */
export function descendantProcesses(pid: number): ProcessInfo[] {
  const all = fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // `pid (name) state ppid …`: the name may hold spaces and parentheses, so read after the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      return [{ pid: Number(entry), parent, command }];
    } catch {
      // Gone while we looked.
      return [];
    }
  });
  const found: ProcessInfo[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop();
    for (const p of all.filter((candidate) => candidate.parent === parent)) {
      found.push({ pid: p.pid, command: p.command });
      parents.push(p.pid);
    }
  }
  return found;
}
