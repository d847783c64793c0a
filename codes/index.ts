/**
 * National standard code tables, as data (tables/*.json), and what a department does with
 * them: look a code up, roll a division up to its city and province, map a source's legacy
 * value to the standard code or to nothing. codes/ imports nothing of the project but
 * schema/contracts (a wall in eslint.config.mjs), so exchange/, the kit and any department
 * may use it. docs/codes.md describes the tables and where their data comes from.
 */
export { CODE_TABLE_IDS, CODE_TABLES_DIR, codeTable, isCodeTableId, readCodeTable, type CodedName, type CodeTable, type CodeTableId } from './codeTable';
export { divisionOf, type Division } from './divisionOf';
export { checkLegacyMapping, legacyText, mapLegacyValue, type LegacyMapping } from './mapLegacyValue';
export { unmappedCodeError, type UnmappedCode } from './unmappedCodeError';
export { CODED_VALUE_SDL_FILE, codedValueTypeDefs } from './codedValueTypeDefs';
