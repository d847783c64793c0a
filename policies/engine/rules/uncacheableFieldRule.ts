import { UNCACHED_ROOT_TYPES } from '../model';
import type { PolicyRule } from '../PolicyRule';

/** Only answers to questions are kept: a Mutation or Subscription field has no `cache` setting (or `cache: none`). */
export const uncacheableFieldRule: PolicyRule = ({ report }) => ({
  CoveredField({ file, type, entry, field, settings }) {
    const { cache } = settings;
    if (cache?.kind !== 'keep' || !UNCACHED_ROOT_TYPES.includes(field.typeName)) return;
    const own = entry.settings.cache !== undefined;
    report(
      file.file,
      own ? cache.line : entry.line,
      `${field.coordinate} is a ${field.typeName === 'Mutation' ? 'mutation: it writes' : 'subscription: it streams'}, so its answer is never kept, but ${own ? 'this field says' : `${type.name}'s defaults (line ${cache.line}) say`} "cache": remove it${own ? '' : ` from the defaults`}`,
    );
  },
});
