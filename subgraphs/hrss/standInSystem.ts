import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { divisionOf } from '../../codes';
import { createRandom, REGIONS, residentIdBirthDate, seedWorld, type SeedOptions } from '../kit';
import { resolveDataPath, type StandInTarget } from '../../exchange';

/**
 * A STAND-IN for the bureau's own social insurance system, so that `npm start` shows a declared
 * department over a legacy SQL schema without any service to install: one table with the legacy
 * system's column names and codes, in an SQLite file. Production points HRSS_DATABASE_URL at the
 * bureau's real database instead, and this never runs against it.
 */

/** One row of SI_INSURED (参保人员), as the legacy system writes it. */
export interface LegacyInsuredRow {
  /** 个人编号: the system's own person number, which the declaration does not read. */
  AAC001: string;
  /** 公民身份号码: resident ID number. */
  AAC002: string;
  /** 参保状态: '1' paying, '2' suspended, '3' ended; '9' (migrated, unknown) is deliberately unmapped. */
  AAC008: string;
  /** 参保日期, YYYYMMDD. */
  AAC030: string;
  /** 缴费基数: monthly contribution base, CNY. */
  AAC040: number;
  /** 参保地行政区划: a GB/T 2260 city code, or deliberately an old four-digit local code. */
  AAB301: string;
}

export const LEGACY_TABLE = 'SI_INSURED';
/** The legacy DDL (SQLite, MariaDB and PostgreSQL read it alike). */
export const LEGACY_TABLE_DDL = `CREATE TABLE ${LEGACY_TABLE} (
  AAC001 VARCHAR(20) NOT NULL,
  AAC002 VARCHAR(18) NOT NULL PRIMARY KEY,
  AAC008 CHAR(1) NOT NULL,
  AAC030 CHAR(8) NOT NULL,
  AAC040 DECIMAL(10, 2) NOT NULL,
  AAB301 VARCHAR(6) NOT NULL
)`;

const STATUSES = { '1': 80, '2': 12, '3': 6, '9': 2 } as const;
const FIRST_DAY = Date.UTC(1995, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY = 86_400_000;

/** The city a division lies in (its province for a municipality's district), as the legacy system codes it. */
function cityCode(division: string): string {
  const found = divisionOf(division);
  return found?.city?.code ?? found?.province.code ?? division;
}

/**
 * The legacy records, deterministic (same options → same rows): about three in four persons of
 * the seed world old enough to work, insured mostly where their ID number was issued; a few
 * rows hold a status or a division code the declaration does not map, so UNMAPPED_CODE shows.
 */
export function legacyInsuredRows(options: SeedOptions): LegacyInsuredRow[] {
  const random = createRandom(options.seed, 'hrss.insured');
  const rows: LegacyInsuredRow[] = [];
  for (const idNumber of seedWorld(options).personIds) {
    const [year, month, day] = residentIdBirthDate(idNumber).split('-').map(Number);
    const earliest = Math.max(FIRST_DAY, Date.UTC(year + 18, month - 1, day));
    if (earliest > LAST_DAY || !random.chance(0.75)) continue;
    const since = new Date(earliest + random.int(0, Math.floor((LAST_DAY - earliest) / DAY)) * DAY).toISOString().slice(0, 10);
    const home = cityCode(idNumber.slice(0, 6));
    const city = random.chance(0.85) ? home : cityCode(random.pick(REGIONS).code);
    rows.push({
      AAC001: `P${String(rows.length + 1).padStart(9, '0')}`,
      AAC002: idNumber,
      AAC008: random.weighted(STATUSES),
      AAC030: since.replaceAll('-', ''),
      AAC040: random.int(30, 300) * 100,
      // An old local code from before the system adopted GB/T 2260 (never a standard code).
      AAB301: random.chance(0.03) ? city.slice(0, 4) : city,
    });
  }
  return rows;
}

/** Writes the stand-in's SQLite file afresh (the `default:` of exchange.yaml) with the legacy rows. */
export async function seedStandInSystem(target: StandInTarget, options: SeedOptions): Promise<void> {
  const file = resolveDataPath(target.dataDir, target.url.replace(/^sqlite:/, ''));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written beside, then renamed over: a reader never sees a half-written system.
  const next = `${file}.seeding`;
  fs.rmSync(next, { force: true });
  const db = new Database(next);
  try {
    db.exec(LEGACY_TABLE_DDL);
    const insert = db.prepare(`INSERT INTO ${LEGACY_TABLE} (AAC001, AAC002, AAC008, AAC030, AAC040, AAB301) VALUES (@AAC001, @AAC002, @AAC008, @AAC030, @AAC040, @AAB301)`);
    db.transaction((rows: LegacyInsuredRow[]) => rows.forEach((row) => insert.run(row)))(legacyInsuredRows(options));
  } finally {
    db.close();
  }
  fs.renameSync(next, file);
}
