import type { PolicyRule } from '../PolicyRule';

/**
 * Every covered field has a catalog entry and a read list: a description (written, or the
 * SDL's), sharing, sensitivity, update cycle and `read`, on the field or in its type's
 * defaults. A setting already refused as written is not reported again as missing.
 */
export const incompleteFieldRule: PolicyRule = ({ report }) => ({
  CoveredField({ file, type, entry, field, settings }) {
    const where = `add it to the field or to ${type.name}'s defaults`;
    const missing = [
      { key: 'description', absent: settings.description === undefined, what: `a description (add "description:"; the SDL has none)` },
      { key: 'sharing', absent: settings.sharing === undefined, what: `a sharing type (add "sharing:" unconditional, conditional or none; ${where})` },
      { key: 'sensitivity', absent: settings.sensitivity === undefined, what: `a sensitivity (add "sensitivity:" 1 to 4; ${where})` },
      { key: 'updateCycle', absent: settings.updateCycle === undefined, what: `an update cycle (add "updateCycle:"; ${where})` },
      { key: 'read', absent: settings.read === undefined, what: `read grants (add "read:"; write "read: []" if no one may read it; ${where})` },
    ];
    for (const { key, absent, what } of missing) {
      if (absent && !settings.refused.has(key)) report(file.file, entry.line, `${field.coordinate} lacks ${what}`);
    }
  },
});
