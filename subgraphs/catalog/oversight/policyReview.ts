import fs from 'node:fs';
import path from 'node:path';
import { POLICIES_DIR, readPolicyDir } from '../../../policies';
import { PROJECT_ROOT, SUPERGRAPH_FILE } from '../../../schema/composition/composeSupergraph';
import { CODES, requestError } from '../../kit';
import type { CatalogContext } from '../context';
import { policyRevisionFiles } from './policyRevisionFiles';
import { proposedPolicyFiles, type PolicyFileInput } from './proposedPolicyFiles';
import { requireRoles } from './requireRoles';
import { reviewPolicies, type PolicyComparison } from './reviewPolicies';

export interface PolicyReviewArgs {
  files?: PolicyFileInput[] | null;
  revision?: string | null;
}

export interface PolicyReviewRecord extends Omit<PolicyComparison, 'baseHash'> {
  base: string;
  proposal: string;
}

/**
 * The service items' write-back declarations, which `policy check` holds the write rules
 * against. The file belongs to the services department and is read here as text, as the CLI
 * reads it; a deployment without it is reviewed without that check.
 */
const WRITE_BACKS_FILE = path.join(PROJECT_ROOT, 'subgraphs', 'services', 'writeBacks.yaml');

function declarations(): { file: string; text: string } | null {
  try {
    return { file: path.relative(PROJECT_ROOT, WRITE_BACKS_FILE), text: fs.readFileSync(WRITE_BACKS_FILE, 'utf8') };
  } catch {
    return null;
  }
}

/**
 * `Query.policyReview`: proposed policy files (by name, each replacing the folder's file of
 * that name), or the policy folder at a git revision, compared with the policies in force
 * (`reviewPolicies`: what `policy check` and `policy diff` say). Exactly one of the two.
 * Officers only. Nothing is written: publishing stays a signed CLI act.
 */
export function policyReview(ctx: CatalogContext, args: PolicyReviewArgs): PolicyReviewRecord {
  requireRoles(ctx, ['officer'], 'review proposed policies');
  const { files, revision } = args;
  if ((files == null) === (revision == null)) {
    throw requestError(CODES.BAD_USER_INPUT, 'Give either the proposed files or a git revision of the policy folder, not both and not neither.', {
      argument: files == null ? 'files' : 'revision',
    });
  }
  const inForce = readPolicyDir(POLICIES_DIR);
  const proposal = files != null ? { files: proposedPolicyFiles(inForce, files), label: files.map((file) => file.name).join(', ') } : policyRevisionFiles(POLICIES_DIR, revision!);
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  const { baseHash, ...review } = reviewPolicies({ base: inForce, proposal: proposal.files, supergraphSdl, declarations: declarations() });

  // The folder is what a proposal is made from; should the policies in force be others
  // (published from elsewhere), the review says so rather than compare silently.
  const enforced = ctx.services.catalog.policies().hash;
  if (baseHash !== enforced) {
    review.problems.unshift({
      file: null,
      line: null,
      message: `The policies in force (${enforced.slice(0, 12)}) are not those of the policy folder (${baseHash?.slice(0, 12) ?? 'which does not load'}): the proposal was compared with the folder.`,
    });
  }
  return { base: baseHash ?? enforced, proposal: proposal.label, ...review };
}
