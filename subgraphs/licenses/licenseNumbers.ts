import type { Random } from '../kit';

/**
 * Generates license numbers in each kind's real format, unique within one seed:
 * - business license: the enterprise's unified social credit code (printed on it as the number);
 * - food operation permit: JY + business type + division code + sequence + check digit;
 * - driving license: the 12-digit file number (档案编号), city prefix + sequence;
 * - marriage certificate: J + division code - year - sequence (结婚证字号).
 * Sequences grow by random gaps so that numbers do not look consecutive.
 */
export function createLicenseNumbers(random: Random) {
  let food = 0;
  let driving = 0;
  let marriage = 0;
  const step = (n: number): number => n + random.int(1, 9);
  return {
    businessLicense: (creditCode: string): string => creditCode,
    foodOperationPermit(regionCode: string): string {
      food = step(food);
      const body = `${random.pick(['1', '2', '3'])}${regionCode}${String(food).padStart(6, '0')}`;
      const check = [...body].reduce((sum, digit, i) => sum + Number(digit) * (i % 2 ? 3 : 1), 0) % 10;
      return `JY${body}${check}`;
    },
    drivingLicense(regionCode: string): string {
      driving = step(driving);
      return `${regionCode.slice(0, 4)}${String(driving).padStart(8, '0')}`;
    },
    marriageCertificate(regionCode: string, issuedOn: string): string {
      marriage = step(marriage);
      return `J${regionCode}-${issuedOn.slice(0, 4)}-${String(marriage).padStart(6, '0')}`;
    },
  };
}
