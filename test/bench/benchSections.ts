/** The bench's sections, in the order its header names them: `--only` takes any of them, comma-separated. */
export const SECTIONS = ['queries', 'grants', 'stage2', 'cache', 'exchange', 'writeback', 'analysis', 'public', 'profile'] as const;
export type Section = (typeof SECTIONS)[number];
