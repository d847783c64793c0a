import type { PolicyRule } from '../PolicyRule';

/** Each field is covered in one place only; a second entry for it is reported, naming the first. */
export const duplicateCoverageRule: PolicyRule = ({ report }) => ({
  Field({ file, entry, field, coveredAt }) {
    if (!field || !coveredAt) return;
    report(file.file, entry.line, `${field.coordinate} is already covered in ${coveredAt.file}:${coveredAt.line}; each field is covered in one place only, so remove one of them`);
  },
});
