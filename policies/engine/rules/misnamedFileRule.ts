import type { PolicyRule } from '../PolicyRule';

/** Policy files end in `.yaml`: a `.yml` file would silently not be read. */
export const misnamedFileRule: PolicyRule = (context) => ({
  enter() {
    for (const file of context.misnamed) {
      context.report(file, 1, `policy files end in .yaml, so this file is not read: rename it to ${file.replace(/\.yml$/, '.yaml')}`);
    }
  },
});
