import path from 'node:path';
import { POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import type { PolicyIo } from './policyIo';

/** `--dir`, resolved from the working directory; the shipped policies/ when absent. */
export function policyDirOf(dir: string | undefined, io: PolicyIo): string {
  return dir === undefined ? POLICIES_DIR : path.resolve(io.cwd, dir);
}

/** `--supergraph`, resolved from the working directory; schema/composition/supergraph.graphql when absent. */
export function supergraphFileOf(file: string | undefined, io: PolicyIo): string {
  return file === undefined ? SUPERGRAPH_FILE : path.resolve(io.cwd, file);
}

/** A path as one would type it: relative to the working directory when inside it, else absolute. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The service items' write-back declarations of the shipped graph, which `policy check` holds the write rules against. */
export const WRITE_BACKS_FILE: string = path.resolve(__dirname, '../../subgraphs/services/writeBacks.yaml');
