import fs from 'node:fs';

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every common kernel build. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system) process `pid` has used so far, from /proc; null where there
 * is no /proc. Per request it shows a stage's cost even when other work on the machine makes
 * throughput wander, since time spent waiting for a core is not counted.
 */
export function processCpuSeconds(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : null;
}
