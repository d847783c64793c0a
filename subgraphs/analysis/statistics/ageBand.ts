/** The age bands of the figures, as the services extract names them. */
export const AGE_BANDS = ['0-17', '18-29', '30-39', '40-49', '50-59', '60+'] as const;

/** The band of an age in whole years. */
export function ageBand(age: number): string {
  if (age < 18) return '0-17';
  if (age >= 60) return '60+';
  const lower = age < 30 ? 18 : Math.floor(age / 10) * 10;
  return `${lower}-${lower === 18 ? 29 : lower + 9}`;
}

/** A person's band from their birth year, at a date's year (the age they reach that year). */
export const ageBandIn = (birthYear: number, year: number): string => ageBand(year - birthYear);
