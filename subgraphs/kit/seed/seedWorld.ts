import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, formatResidentIdNumber } from '../../../schema/contracts/identifiers';
import { createRandom } from './createRandom';
import { REGIONS } from './regions';

/**
 * The keys every department's seed agrees on: which persons and enterprises exist.
 * Departments never read each other's data; in a real government they learn these keys
 * through their own business (a licence is issued to a person who shows an ID card).
 * Generated seeds reproduce that by deriving the same keys from the same seed.
 */
export interface SeedOptions {
  /** Any integer; the same seed gives the same data. */
  seed: number;
  /** Multiplies the default volumes (1 = about 2,000 persons). */
  scale: number;
}

export interface SeedVolumes {
  persons: number;
  enterprises: number;
  licenses: number;
  serviceItems: number;
  applications: number;
}

export function seedVolumes(scale: number): SeedVolumes {
  if (!(scale > 0) || scale > 1000) throw new Error(`Seed scale must be a number in (0, 1000], got ${scale}`);
  return {
    persons: Math.max(20, Math.round(2000 * scale)),
    enterprises: Math.max(5, Math.round(500 * scale)),
    licenses: Math.max(30, Math.round(3000 * scale)),
    serviceItems: Math.max(40, Math.round(40 * scale)),
    applications: Math.max(20, Math.round(1000 * scale)),
  };
}

export interface SeedWorld {
  volumes: SeedVolumes;
  personIds: readonly string[];
  creditCodes: readonly string[];
}

const worlds = new Map<string, SeedWorld>();

export function seedWorld({ seed, scale }: SeedOptions): SeedWorld {
  const cacheKey = `${seed}:${scale}`;
  const cached = worlds.get(cacheKey);
  if (cached) return cached;
  const volumes = seedVolumes(scale);
  const world: SeedWorld = {
    volumes,
    personIds: generatePersonIds(seed, volumes.persons),
    creditCodes: generateCreditCodes(seed, volumes.enterprises),
  };
  worlds.set(cacheKey, world);
  return world;
}

function generatePersonIds(seed: number, count: number): string[] {
  const random = createRandom(seed, 'world.persons');
  const ids = new Set<string>();
  const start = Date.UTC(1940, 0, 1);
  const span = Date.UTC(2008, 0, 1) - start;
  while (ids.size < count) {
    const birthDate = new Date(start + Math.floor(random.next() * span)).toISOString().slice(0, 10);
    ids.add(formatResidentIdNumber({ regionCode: random.pick(REGIONS).code, birthDate, sequence: random.int(0, 999) }));
  }
  return [...ids];
}

/** GB 11714 organisation code: eight characters and a check character. */
function organisationCode(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body[i], 36) * weights[i];
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

function generateCreditCodes(seed: number, count: number): string[] {
  const random = createRandom(seed, 'world.enterprises');
  const codes = new Set<string>();
  const bodyAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  while (codes.size < count) {
    let body = '';
    for (let i = 0; i < 8; i++) body += random.pick(bodyAlphabet.split(''));
    const org = organisationCode(body);
    if ([...org].some((ch) => !CREDIT_CODE_ALPHABET.includes(ch))) continue;
    // 9 = registered by market regulation; 1 = enterprise, 2 = individual business.
    const first17 = `9${random.pick(['1', '1', '1', '2'])}${random.pick(REGIONS).code}${org}`;
    codes.add(first17 + creditCodeCheckCharacter(first17));
  }
  return [...codes];
}
