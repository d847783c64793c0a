import { loadPolicyFiles } from '../engine/loadPolicyFiles';
import type { PolicySet } from '../engine/types';
import type { PolicyBundle } from './PolicyBundle';

export type LoadedBundle = { policies: PolicySet; problems: null } | { policies: null; problems: string };

/**
 * A published bundle as a policy set, checked against this instance's supergraph exactly as
 * files on disk are (`loadPolicyFiles`), and against its own hash: a bundle whose files do
 * not hash to what it claims was altered in the store and is refused, like one with problems.
 */
export function loadPolicyBundle(bundle: PolicyBundle, supergraphSdl: string): LoadedBundle {
  const name = `published version ${bundle.version}`;
  let loaded: ReturnType<typeof loadPolicyFiles>;
  try {
    loaded = loadPolicyFiles({ files: bundle.files, misnamed: [] }, supergraphSdl);
  } catch (error) {
    return { policies: null, problems: `The policies of ${name} were not loaded: ${(error as Error).message}` };
  }
  const { policies, problems } = loaded;
  if (problems.length > 0 || !policies) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    return { policies: null, problems: `The policies of ${name} were not loaded (${count}):\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}` };
  }
  if (policies.hash !== bundle.hash) {
    return {
      policies: null,
      problems: `The policies of ${name} were not loaded: its files hash to ${policies.hash}, not to the ${bundle.hash} it was published with (altered in the store?)`,
    };
  }
  return { policies, problems: null };
}
