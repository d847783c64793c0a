import type { PolicyFiles } from '../../../policies';
import { CODES, requestError } from '../../kit';

/** A proposed policy file: its name in the policy folder and its text. */
export interface PolicyFileInput {
  name: string;
  content: string;
}

/** A file of the policy folder: a name, `.yaml`, and nothing that leads elsewhere. */
const POLICY_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.yaml$/;
/** The most text a proposal may hold, all files together (the shipped folder is about 100 KB). */
export const MAX_PROPOSAL_BYTES = 1024 * 1024;

/**
 * The policies in force with the proposed files in their place (a name the folder does not
 * have adds a file), in file-name order as `readPolicyDir` reads a folder. Only plain file
 * names of the folder's kind are taken: a path, `..`, another extension or the same name
 * twice is BAD_USER_INPUT, and so is no file at all or more text than `MAX_PROPOSAL_BYTES`.
 */
export function proposedPolicyFiles(inForce: PolicyFiles, proposed: readonly PolicyFileInput[]): PolicyFiles {
  if (proposed.length === 0) throw requestError(CODES.BAD_USER_INPUT, 'Give at least one proposed policy file.', { argument: 'files' });
  const byName = new Map<string, string>();
  let bytes = 0;
  for (const { name, content } of proposed) {
    if (!POLICY_FILE_NAME.test(name)) {
      throw requestError(
        CODES.BAD_USER_INPUT,
        `"${name.slice(0, 80)}" is not the name of a file in the policy folder: a plain name ending in .yaml (population.yaml), without a path.`,
        { argument: 'files' },
      );
    }
    if (byName.has(name)) throw requestError(CODES.BAD_USER_INPUT, `${name} is given twice.`, { argument: 'files' });
    bytes += Buffer.byteLength(content, 'utf8');
    byName.set(name, content);
  }
  if (bytes > MAX_PROPOSAL_BYTES) {
    throw requestError(CODES.BAD_USER_INPUT, `The proposed files hold ${bytes} bytes; a review takes at most ${MAX_PROPOSAL_BYTES}.`, {
      argument: 'files',
      limit: MAX_PROPOSAL_BYTES,
      measured: bytes,
    });
  }
  const files = inForce.files.filter(({ file }) => !byName.has(file)).concat([...byName].map(([file, text]) => ({ file, text })));
  return { files: files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), misnamed: inForce.misnamed };
}
