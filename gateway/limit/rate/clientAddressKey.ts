import net from 'node:net';

/**
 * What an anonymous caller's budget is keyed on: the IPv4 address, or the /64 network of an
 * IPv6 address — one host is handed a whole /64 and can pick a new address in it for each
 * request. An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 one.
 */
export function clientAddressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!net.isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, `::` filled in (a zone `%eth0` dropped). */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
