export { applyMask, isMaskName, MASK_NAMES, type MaskName } from './applyMask';
export { maskAddress } from './maskAddress';
export { maskIdNumber } from './maskIdNumber';
export { maskName } from './maskName';
export { maskPhone } from './maskPhone';
export { RESIDENT_ID_NUMBER_PATTERN } from './residentIdNumberPattern';
