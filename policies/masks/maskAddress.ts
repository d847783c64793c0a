/**
 * An address reduced to its district: everything up to and including the first `区`
 * (district) or `县` (county), or the first `市` (city) when it has neither, then `****`.
 * `北京市东城区景山街道人民路18号` → `北京市东城区****`; an address with none of the three → `****`.
 * A masked value ends in `****` after its district, so masking it again changes nothing.
 */
export function maskAddress(value: string): string;
export function maskAddress(value: unknown): unknown;
export function maskAddress(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const district = value.search(/[区县]/);
  const end = district >= 0 ? district : value.indexOf('市');
  return (end >= 0 ? value.slice(0, end + 1) : '') + '****';
}
