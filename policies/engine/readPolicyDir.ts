import fs from 'node:fs';
import path from 'node:path';

export interface PolicyFileText {
  /** The file name, e.g. `population.yaml`. */
  file: string;
  text: string;
}

/** The `.yaml` files of a policy directory, in file-name order (code-unit order, the same everywhere). */
export function readPolicyDir(dir: string): { files: PolicyFileText[]; misnamed: string[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new Error(`Cannot read the policy directory ${dir}: ${(error as Error).message}. Pass the directory that holds vocabulary.yaml and the department files.`);
  }
  const isFile = (name: string) => fs.statSync(path.join(dir, name)).isFile();
  const files = names
    .filter((name) => name.endsWith('.yaml') && isFile(name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
  return { files, misnamed: names.filter((name) => name.endsWith('.yml') && isFile(name)).sort() };
}
