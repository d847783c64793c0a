import { PLATFORM_DEPARTMENT, type GrantModel } from '../model';
import type { PolicyRule } from '../PolicyRule';

function reachesBeyond(grant: GrantModel, departments: readonly string[]): boolean {
  return grant.public || grant.departments === null || grant.departments.some((d) => !departments.includes(d.name));
}

/**
 * A field with `sharing: none` stays inside its department (for platform.yaml, inside the
 * departments serving it): each grant but `self` names only those departments.
 */
export const sharingNoneRule: PolicyRule = ({ report }) => ({
  Grant({ file, owner, field, settings, grant, line, which }) {
    if (settings.sharing !== 'none' || grant.self) return;
    const inside = owner === PLATFORM_DEPARTMENT ? field.departments : [owner];
    if (!reachesBeyond(grant, inside)) return;
    report(
      file.file,
      line,
      `${field.coordinate} has "sharing: none" (not shared outside ${inside.join(', ')}), but ${which} reaches readers outside ${inside.join(', ')}: add "departments: [${inside.join(', ')}]" to it, or change sharing`,
    );
  },
});
