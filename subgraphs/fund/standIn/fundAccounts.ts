import { createRandom, residentIdBirthDate, seedWorld, type SeedOptions } from '../../kit';

/** One account as the center's API answers it, in the center's own field names (see openapi.yaml). */
export interface FundAccount {
  /** 证件号码: resident ID number. */
  zjhm: string;
  /** 个人账号: account number. */
  grzh: string;
  /** 个人账户状态: status code, see STATUS_WEIGHTS. */
  grzhzt: string;
  /** 开户日期: opened on, YYYYMMDD. */
  khrq: string;
  /** 月缴存额: monthly deposit in yuan, employer and employee together. */
  yjce: number;
}

/** The day the stand-in's data describes, so that the same options always give the same accounts. */
const AS_OF = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
/** Accounts were opened from the fund's national roll-out on. */
const EARLIEST = Date.UTC(1999, 0, 1);

/**
 * The center's status codes, by share. `1` and `9` are the codes of its older system (正常 and
 * 销户) left on accounts its migration missed: the declaration maps only the current codes, so
 * these are the deliberately unmapped values that show the UNMAPPED_CODE path.
 */
const STATUS_WEIGHTS = { '01': 700, '02': 180, '03': 20, '04': 70, '1': 20, '9': 10 } as const;

function yyyymmdd(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The accounts of the stand-in: about two thirds of the seed world's persons who were 18 by
 * the as-of day, keyed by ID number. The same persons as every department's seed (kit
 * seedWorld), drawn from the stand-in's own stream, so the same options always give the
 * same accounts.
 */
export function fundAccounts(options: SeedOptions): ReadonlyMap<string, FundAccount> {
  const random = createRandom(options.seed, 'fund.standIn.accounts');
  const accounts = new Map<string, FundAccount>();
  let sequence = 0;
  for (const idNumber of seedWorld(options).personIds) {
    const birth = Date.parse(`${residentIdBirthDate(idNumber)}T00:00:00Z`);
    const adult = new Date(birth);
    adult.setUTCFullYear(adult.getUTCFullYear() + 18);
    const hasAccount = random.chance(0.65);
    if (adult.getTime() >= AS_OF || !hasAccount) continue;
    const from = Math.max(EARLIEST, adult.getTime());
    const openedOn = from + random.int(0, Math.floor((AS_OF - from) / DAY)) * DAY;
    const status = random.weighted(STATUS_WEIGHTS);
    // Base wage × 5–12 % from the employee and the same from the employer; nothing is paid into a sealed or closed account.
    const paying = status === '01' || status === '03' || status === '1';
    const deposit = paying ? Math.round(random.int(2_000, 30_000) * (random.int(5, 12) / 100) * 2 * 100) / 100 : 0;
    sequence += 1;
    accounts.set(idNumber, { zjhm: idNumber, grzh: `${idNumber.slice(0, 6)}${String(sequence).padStart(8, '0')}`, grzhzt: status, khrq: yyyymmdd(openedOn), yjce: deposit });
  }
  return accounts;
}
