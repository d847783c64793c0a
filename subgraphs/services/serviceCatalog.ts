import type { LicenseKind } from './database';

export interface CatalogItem {
  name: string;
  department: string;
  /** The platform department whose staff handle the item's cases, when the agency is on the platform. */
  handledBy: string | null;
  requiredLicenses: readonly LicenseKind[];
  timeLimitDays: number;
  /** ENTERPRISE when the applicant acts for an existing enterprise. */
  concerns: 'PERSON' | 'ENTERPRISE';
}

/**
 * The agencies that are departments of the platform, by their platform name. A case-bound
 * grant reads only in cases its grantee department handles; the other agencies' cases are
 * handled off the platform.
 */
export const PLATFORM_DEPARTMENT_OF_AGENCY: Readonly<Record<string, string>> = {
  市场监督管理局: 'market',
  公安局: 'population',
};

const item = (name: string, department: string, timeLimitDays: number, requiredLicenses: readonly LicenseKind[], concerns: CatalogItem['concerns']): CatalogItem => ({
  name,
  department,
  handledBy: PLATFORM_DEPARTMENT_OF_AGENCY[department] ?? null,
  requiredLicenses,
  timeLimitDays,
  concerns,
});

const B: LicenseKind = 'BUSINESS_LICENSE';
const F: LicenseKind = 'FOOD_OPERATION_PERMIT';
const D: LicenseKind = 'DRIVING_LICENSE';
const M: LicenseKind = 'MARRIAGE_CERTIFICATE';

/** The 40 service items of a government service center's catalog (SI-0001 … SI-0040). */
export const SERVICE_CATALOG: readonly CatalogItem[] = [
  item('食品经营许可证核发', '市场监督管理局', 20, [B], 'ENTERPRISE'),
  item('食品经营许可证变更', '市场监督管理局', 10, [B, F], 'ENTERPRISE'),
  item('食品经营许可证延续', '市场监督管理局', 10, [B, F], 'ENTERPRISE'),
  item('食品经营许可证注销', '市场监督管理局', 10, [F], 'ENTERPRISE'),
  item('营业执照变更登记', '市场监督管理局', 3, [B], 'ENTERPRISE'),
  item('营业执照遗失补领', '市场监督管理局', 5, [], 'ENTERPRISE'),
  item('企业注销登记', '市场监督管理局', 10, [B], 'ENTERPRISE'),
  item('个体工商户变更登记', '市场监督管理局', 3, [B], 'ENTERPRISE'),
  item('公共场所卫生许可证核发', '卫生健康委员会', 20, [B], 'ENTERPRISE'),
  item('药品经营许可证核发', '药品监督管理局', 30, [B], 'ENTERPRISE'),
  item('建筑工程施工许可证核发', '住房和城乡建设委员会', 7, [B], 'ENTERPRISE'),
  item('城镇污水排入排水管网许可', '水务局', 20, [B], 'ENTERPRISE'),
  item('道路运输经营许可证核发', '交通运输局', 20, [B], 'ENTERPRISE'),
  item('出版物零售经营许可', '文化和旅游局', 20, [B], 'ENTERPRISE'),
  item('户外广告设施设置审批', '城市管理委员会', 20, [B], 'ENTERPRISE'),
  item('社会保险单位参保登记', '人力资源和社会保障局', 5, [B], 'ENTERPRISE'),
  item('住房公积金单位缴存登记', '住房公积金管理中心', 5, [B], 'ENTERPRISE'),
  item('税务登记信息变更', '税务局', 1, [B], 'ENTERPRISE'),
  item('企业设立登记', '市场监督管理局', 3, [], 'PERSON'),
  item('个体工商户注册登记', '市场监督管理局', 3, [], 'PERSON'),
  item('企业名称自主申报', '市场监督管理局', 1, [], 'PERSON'),
  item('机动车驾驶证换证', '公安局交通管理局', 1, [D], 'PERSON'),
  item('机动车驾驶证补证', '公安局交通管理局', 1, [D], 'PERSON'),
  item('机动车驾驶证审验', '公安局交通管理局', 1, [D], 'PERSON'),
  item('机动车注册登记', '公安局交通管理局', 2, [D], 'PERSON'),
  item('户口迁移', '公安局', 20, [], 'PERSON'),
  item('出生登记', '公安局', 5, [M], 'PERSON'),
  item('居民身份证换领', '公安局', 60, [], 'PERSON'),
  item('居住证办理', '公安局', 15, [], 'PERSON'),
  item('结婚登记', '民政局', 1, [], 'PERSON'),
  item('离婚登记', '民政局', 30, [M], 'PERSON'),
  item('补领结婚证', '民政局', 1, [], 'PERSON'),
  item('老年人优待证办理', '民政局', 7, [], 'PERSON'),
  item('生育登记', '卫生健康委员会', 1, [M], 'PERSON'),
  item('医师执业注册', '卫生健康委员会', 20, [], 'PERSON'),
  item('城乡居民基本养老保险参保登记', '人力资源和社会保障局', 5, [], 'PERSON'),
  item('失业保险金申领', '人力资源和社会保障局', 10, [], 'PERSON'),
  item('住房公积金提取', '住房公积金管理中心', 3, [], 'PERSON'),
  item('二手房转移登记', '规划和自然资源局', 5, [], 'PERSON'),
  item('残疾人证核发', '残疾人联合会', 20, [], 'PERSON'),
];

export function serviceItemCode(index: number): string {
  return `SI-${String(index + 1).padStart(4, '0')}`;
}

/** Item `index` of a catalog of any size: the 40 items, then numbered variants of them (办理项). */
export function catalogItem(index: number): CatalogItem {
  const base = SERVICE_CATALOG[index % SERVICE_CATALOG.length];
  const variant = Math.floor(index / SERVICE_CATALOG.length);
  return variant === 0 ? base : { ...base, name: `${base.name}（办理项${variant + 1}）` };
}
