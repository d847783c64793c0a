import type { PolicyRule } from '../PolicyRule';
import { duplicateCoverageRule } from './duplicateCoverageRule';
import { fileDepartmentRule } from './fileDepartmentRule';
import { incompleteFieldRule } from './incompleteFieldRule';
import { maskOnTextRule } from './maskOnTextRule';
import { misnamedFileRule } from './misnamedFileRule';
import { missingVocabularyRule } from './missingVocabularyRule';
import { nonNullDenialRule } from './nonNullDenialRule';
import { placementRule } from './placementRule';
import { publicSensitivityRule } from './publicSensitivityRule';
import { selfOnRootRule } from './selfOnRootRule';
import { sharingNoneRule } from './sharingNoneRule';
import { uncacheableFieldRule } from './uncacheableFieldRule';
import { uncoveredFieldRule } from './uncoveredFieldRule';
import { undeclaredDepartmentRule } from './undeclaredDepartmentRule';
import { unknownFieldRule } from './unknownFieldRule';
import { unknownNameRule } from './unknownNameRule';
import { unknownTypeRule } from './unknownTypeRule';
import { writeTargetRule } from './writeTargetRule';

/**
 * Every check of the policy files. At each node of the walk the rules run in this order, which
 * is the order of the problems one line has (problems are sorted by file and line). A new
 * check is one new file in this folder, added here.
 */
export const policyRules: readonly PolicyRule[] = Object.freeze([
  misnamedFileRule,
  missingVocabularyRule,
  undeclaredDepartmentRule,
  fileDepartmentRule,
  unknownNameRule,
  unknownTypeRule,
  unknownFieldRule,
  duplicateCoverageRule,
  placementRule,
  incompleteFieldRule,
  maskOnTextRule,
  publicSensitivityRule,
  sharingNoneRule,
  selfOnRootRule,
  uncacheableFieldRule,
  writeTargetRule,
  uncoveredFieldRule,
  nonNullDenialRule,
]);
