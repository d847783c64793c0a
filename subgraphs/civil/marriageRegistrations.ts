import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createRandom, personName, regionByCode, residentIdBirthDate, seedWorld, type Random, type SeedOptions } from '../kit';

/** The day the seed world stands on (the other departments' seeds use the same). */
const AS_OF = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** The name the seed's export arrives under; the declaration's `files: 'marriages*.csv'` takes it. */
export const SEED_FILE_NAME = 'marriages-20261101.csv';

/** The export's layout: 公民身份号码, 姓名, 婚姻状况, 登记日期, 登记机关. Only GMSFHM, HYZK and DJRQ are declared, so only they are loaded. */
export const MARRIAGE_COLUMNS = ['GMSFHM', 'XM', 'HYZK', 'DJRQ', 'DJJG'] as const;

/**
 * Marital status as the bureau's registration system writes it: its old screens stored a
 * digit, its newer ones the word. '9' (the old "other") is deliberately left out of the
 * declaration's mapping, so that UNMAPPED_CODE shows in the embedded default.
 */
const STATUS_WEIGHTS = { never: 30, married: 52, divorced: 9, widowed: 5, other: 2 } as const;
const LEGACY: Record<keyof typeof STATUS_WEIGHTS, { digit: string; word: string }> = {
  never: { digit: '1', word: '未婚' },
  married: { digit: '2', word: '已婚' },
  widowed: { digit: '3', word: '丧偶' },
  divorced: { digit: '4', word: '离婚' },
  other: { digit: '9', word: '9' },
};

/**
 * The civil affairs bureau's export of marriage registrations for the seed world's adults,
 * as its legacy system writes it: GBK, CRLF line ends, text fields in double quotes, dates
 * as YYYYMMDD from the old screens and YYYY-MM-DD from the new. The same seed gives the
 * same bytes. Two rows are wrong on purpose, as real exports are: an impossible date and a
 * person exported twice; loading the file quarantines both and accepts the rest.
 */
export function marriageRegistrationsCsv(options: SeedOptions): Buffer {
  const random = createRandom(options.seed, 'civil.marriages');
  const lines: string[] = [MARRIAGE_COLUMNS.join(',')];
  for (const idNumber of seedWorld(options).personIds) {
    const born = Date.parse(residentIdBirthDate(idNumber));
    if (born > AS_OF - 20 * 365.25 * DAY) continue;
    const status = random.weighted(STATUS_WEIGHTS);
    const legacy = random.chance(0.6) ? LEGACY[status].digit : LEGACY[status].word;
    const registered = status === 'never' ? '' : registrationDay(random, born);
    const office = `${regionByCode(idNumber.slice(0, 6))?.district ?? ''}民政局婚姻登记处`;
    lines.push([idNumber, quoted(personName(random)), legacy, registered, quoted(office)].join(','));
  }
  // The deliberate faults, after the header and the first row: a 30 February, a row exported twice.
  const [first, second] = lines.slice(1, 3);
  if (first && second) {
    const fields = second.split(',');
    fields[3] = '20230230';
    lines.splice(2, 1, fields.join(','));
    lines.push(first);
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
}

/**
 * Drops the seed's export into the inbox the way a sender does (a temporary name, then a
 * rename), dated the day it describes, unless a file of that name is already there. Returns its path.
 */
export function dropMarriageRegistrations(inbox: string, options: SeedOptions): string {
  const target = path.join(inbox, SEED_FILE_NAME);
  fs.mkdirSync(inbox, { recursive: true });
  if (fs.existsSync(target)) return target;
  const temporary = path.join(inbox, `${SEED_FILE_NAME}.part`);
  fs.writeFileSync(temporary, marriageRegistrationsCsv(options));
  // Dated the day the export describes (its name's date): a finished file, not one still being written.
  fs.utimesSync(temporary, new Date(AS_OF), new Date(AS_OF));
  fs.renameSync(temporary, target);
  return target;
}

/** A registration day between the 22nd birthday and the seed's day, written the old way or the new. */
function registrationDay(random: Random, born: number): string {
  const from = Math.min(born + 22 * 365.25 * DAY, AS_OF - DAY);
  const day = new Date(from + Math.floor(random.next() * (AS_OF - from))).toISOString().slice(0, 10);
  return random.chance(0.7) ? day.replaceAll('-', '') : day;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
