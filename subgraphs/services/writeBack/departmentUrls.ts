import fs from 'node:fs';

/**
 * Where each department is reached, as the gateway finds it: `GOVGRAPH_<NAME>_URL`, else the URL
 * composed into the supergraph (`join__Graph`). Read once; a supergraph that cannot be read
 * leaves only the variables.
 */
export function departmentUrls(env: Readonly<Record<string, string | undefined>>, supergraphFile: string): (department: string) => string | null {
  const composed = new Map<string, string>();
  let sdl = '';
  try {
    sdl = fs.readFileSync(supergraphFile, 'utf8');
  } catch {
    // No supergraph: the variables must say.
  }
  for (const match of sdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"([^"]*)"\s*\)/g)) composed.set(match[1], match[2]);
  return (department) => env[`GOVGRAPH_${department.toUpperCase()}_URL`]?.trim() || composed.get(department) || null;
}
