import { maskAddress } from './maskAddress';
import { maskIdNumber } from './maskIdNumber';
import { maskName } from './maskName';
import { maskPhone } from './maskPhone';

/** The masks a policy can name (`mask: phone`), in the order docs/officers.md ("Who sees what") lists them. */
export const MASK_NAMES = Object.freeze(['idNumber', 'phone', 'name', 'address'] as const);

/** The name of one built-in mask. */
export type MaskName = (typeof MASK_NAMES)[number];

const MASKS: Record<MaskName, (value: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
};

export function isMaskName(name: string): name is MaskName {
  return Object.prototype.hasOwnProperty.call(MASKS, name);
}

/** Masks one value; anything but a string (null, a number) is returned as it is. */
export function applyMask(mask: MaskName, value: string): string;
export function applyMask(mask: MaskName, value: unknown): unknown;
export function applyMask(mask: MaskName, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const fn = MASKS[mask];
  if (!fn) throw new Error(`Unknown mask "${String(mask)}"; the masks are ${MASK_NAMES.join(', ')}.`);
  return fn(value);
}
