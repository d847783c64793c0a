import type { PolicyRule } from '../PolicyRule';

/** Only a field of sensitivity 1 or 2 may have a public grant. */
export const publicSensitivityRule: PolicyRule = ({ report }) => ({
  Grant({ file, field, settings, grant, line, which }) {
    if (!grant.public || settings.sensitivity === undefined || settings.sensitivity < 3) return;
    report(
      file.file,
      line,
      `${field.coordinate} has sensitivity ${settings.sensitivity}, but ${which} is public: only sensitivity 1 or 2 may be public; remove "public: true" or lower the sensitivity`,
    );
  },
});
