import type { ReactNode } from 'react';
import { labelOf, useT } from '../i18n';

/** A state shown in colour and in words: `kind` picks the colour, the dictionary the words. */
export function Badge({ kind, children }: { kind: 'ok' | 'warn' | 'bad' | 'info' | 'muted'; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}

const ACCESS_KIND = { ALLOW: 'ok', MASK: 'warn', DENY: 'bad' } as const;

/** ALLOW / MASK / DENY, with the mask when there is one. */
export function AccessBadge({ access, mask }: { access: string | null | undefined; mask?: string | null }) {
  const t = useT();
  if (!access) return null;
  return (
    <Badge kind={ACCESS_KIND[access as keyof typeof ACCESS_KIND] ?? 'muted'}>
      {labelOf(t, 'access_', access)}
      {access === 'MASK' && mask ? ` (${mask})` : ''}
    </Badge>
  );
}
