/** What V8 writes for `node --cpu-prof` (a `.cpuprofile`), as far as the summary reads it. Times in microseconds. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  /** The id of the node (the innermost frame) each sample found running. */
  samples: number[];
  /** Each sample's time since the one before (the first: since `startTime`). */
  timeDeltas: number[];
}

export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CallFrame {
  functionName: string;
  /** `file:///…` for code on disk, `node:internal/…` for Node's own, '' for V8's pseudo-frames (`(garbage collector)`, `(idle)`, `(program)`). */
  url: string;
  /** 0-based; -1 when unknown. */
  lineNumber: number;
}

/** A frame matches when every pattern given matches (at least one must be given). */
export interface FrameMatcher {
  url?: RegExp;
  functionName?: RegExp;
}

/**
 * Frames that name a sample's category. Categories of the same name share one row (so that one
 * category's rules may sit at several places in the order); one named `other` claims frames for
 * `other`, which stops the walk outwards there (a middleware that calls the rest of the chain).
 */
export interface CpuCategory {
  name: string;
  /** Time the process had nothing to run: left out of the shares of CPU. */
  idle?: boolean;
  /** A frame belongs to the category when any of these matches it. */
  frames: FrameMatcher[];
}

export interface SummaryOptions {
  /** Only samples taken in [from, to] (the profile's clock, microseconds) count; default: the whole profile. */
  window?: { from: number; to: number };
  /** How many functions to list per category, by self time; default 10. */
  top?: number;
}

export interface CategoryTime {
  name: string;
  micros: number;
  idle: boolean;
  /** The functions whose self time the category holds, most first. */
  top: FunctionTime[];
}

export interface FunctionTime {
  functionName: string;
  url: string;
  /** 1-based, as editors count; 0 when unknown. */
  line: number;
  micros: number;
}

export interface CpuProfileSummary {
  /** Every category's name in the order first given, then `other` (unless given): the time of the samples each was assigned. */
  categories: CategoryTime[];
  /** The time of every sample counted, and of those outside the idle categories. */
  totalMicros: number;
  busyMicros: number;
  samples: number;
}

export const OTHER = 'other';

/**
 * Where a profiled process spent its time, by category. Each sample's time is the self time of
 * the frame it found running; it goes to the category of the nearest frame, from that one
 * outwards to the root, that a category matches (the categories tried in order at each frame),
 * or to `other`. The nearest frame wins so that a library called from a stage counts as that
 * library (query planning inside the policy stage's executor is planning), and frames no
 * category claims (graphql-js's visitor, Node's internals) count for the first caller one does.
 * A sample lasts until the next one (the last: until `endTime`), as Chrome's DevTools count it.
 */
export function summarizeCpuProfile(profile: CpuProfile, categories: readonly CpuCategory[], options: SummaryOptions = {}): CpuProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const names = [...new Set([...categories.map((category) => category.name), OTHER])];
  const rowOf = categories.map((category) => names.indexOf(category.name));
  const otherRow = names.indexOf(OTHER);
  const categoryOfNode = new Map<number, number>();
  /** The index of the node's category in `categories`, or -1 when none claims a frame of it. */
  const categoryOf = (id: number): number => {
    const known = categoryOfNode.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let found = -1;
    if (node) {
      found = categories.findIndex((category) => category.frames.some((matcher) => frameMatches(matcher, node.callFrame)));
      const parent = parentOf.get(id);
      if (found === -1 && parent !== undefined) found = categoryOf(parent);
    }
    categoryOfNode.set(id, found);
    return found;
  };

  // Per row, the time of each node its samples found running.
  const nodeTimes = names.map(() => new Map<number, number>());
  let samples = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const next = i + 1 < profile.samples.length ? at + profile.timeDeltas[i + 1] : profile.endTime;
    if (options.window && (at < options.window.from || at > options.window.to)) continue;
    // V8 occasionally records a sample out of order: it then lasts nothing rather than less than nothing.
    const micros = Math.max(0, next - at);
    const id = profile.samples[i];
    const index = categoryOf(id);
    const times = nodeTimes[index === -1 ? otherRow : rowOf[index]];
    times.set(id, (times.get(id) ?? 0) + micros);
    samples++;
  }

  const rows: CategoryTime[] = names.map((name, i) => ({
    name,
    idle: categories.some((category) => category.name === name && category.idle),
    micros: [...nodeTimes[i].values()].reduce((sum, micros) => sum + micros, 0),
    top: topFunctions(nodeTimes[i], byId, options.top ?? 10),
  }));
  const totalMicros = rows.reduce((sum, row) => sum + row.micros, 0);
  const busyMicros = rows.filter((row) => !row.idle).reduce((sum, row) => sum + row.micros, 0);
  return { categories: rows, totalMicros, busyMicros, samples };
}

function frameMatches(matcher: FrameMatcher, frame: CallFrame): boolean {
  if (!matcher.url && !matcher.functionName) return false;
  return (!matcher.url || matcher.url.test(frame.url)) && (!matcher.functionName || matcher.functionName.test(frame.functionName));
}

/** Self time by function (one function may be several nodes: one per path that called it). */
function topFunctions(timeByNode: Map<number, number>, byId: Map<number, CpuProfileNode>, top: number): FunctionTime[] {
  const byFunction = new Map<string, FunctionTime>();
  for (const [id, micros] of timeByNode) {
    const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? { functionName: '(unknown)', url: '', lineNumber: -1 };
    const key = `${functionName}\0${url}\0${lineNumber}`;
    const entry = byFunction.get(key) ?? { functionName, url, line: lineNumber + 1, micros: 0 };
    entry.micros += micros;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.micros - a.micros).slice(0, top);
}
