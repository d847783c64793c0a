import type { PolicyProblem } from './types';

/** Orders problems by file name, then line; problems of one line keep the order they were reported in (the sort is stable). */
export function byFileAndLine(a: PolicyProblem, b: PolicyProblem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
