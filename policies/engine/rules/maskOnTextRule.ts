import type { PolicyRule } from '../PolicyRule';

const TEXT_TYPES = new Set(['String', 'ID']);

/** A grant masks only text: fields returning String or ID. */
export const maskOnTextRule: PolicyRule = ({ report }) => ({
  Grant({ file, field, grant, line, which }) {
    if (!grant.mask || TEXT_TYPES.has(field.returns)) return;
    report(
      file.file,
      line,
      `${field.coordinate} is a ${field.returns}, not text, but ${which} masks it with "${grant.mask}": masks apply to String and ID fields only; remove the mask (or give ${field.fieldName} its own read list)`,
    );
  },
});
