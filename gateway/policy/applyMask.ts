import type { MaskName } from '../../policies';

/** Masks one value: the policy engine's `applyMask`, or a stand-in a test passes to `startGateway`. */
export type ApplyMask = (mask: MaskName, value: string) => string;
