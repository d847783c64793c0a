import type { Kysely } from 'kysely';
import { createRandom, insertInChunks, regionByCode, residentIdBirthDate, seedWorld, streetAddress, type Random, type Region, type SeedOptions } from '../kit';
import type { EnterpriseRow, EnterpriseStatus, MarketDatabase } from './database';

/** Establishment dates fall in this range (fixed, so seeds never depend on today). */
const FIRST_DAY = Date.UTC(1995, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY = 86_400_000;

const BRAND_CHARACTERS = '恒信华泰盛鑫源达宏远瑞丰嘉禾金诚聚德昌隆万通天成博亿永安兴旺明辉中科东方新锐启航卓越腾飞正阳'.split('');

const APPROVAL_NOTE = '（依法须经批准的项目，经相关部门批准后方可开展经营活动）';

/** Industry word in the name, and the business scope that goes with it. */
const INDUSTRIES = [
  { word: '科技', scope: '技术开发、技术咨询、技术转让、技术服务；软件开发；计算机系统服务' },
  { word: '信息技术', scope: '信息系统集成服务；数据处理和存储支持服务；软件开发；信息技术咨询服务' },
  { word: '商贸', scope: '日用百货、五金交电、电子产品、服装鞋帽的批发和零售；货物进出口' },
  { word: '建筑工程', scope: '房屋建筑工程施工；市政公用工程施工；建筑装饰装修工程设计与施工' },
  { word: '餐饮管理', scope: '餐饮服务；餐饮管理；食品经营（销售预包装食品）' },
  { word: '物流', scope: '普通货物道路运输；仓储服务（不含危险化学品）；国内货物运输代理' },
  { word: '文化传媒', scope: '组织文化艺术交流活动；广告设计、制作、代理、发布；影视策划' },
  { word: '医药', scope: '药品批发；第二类医疗器械经营；保健食品销售' },
  { word: '电子', scope: '电子元器件制造；电子产品销售；集成电路设计' },
  { word: '机械设备', scope: '通用设备制造；机械设备租赁；机械设备销售及维修' },
  { word: '农业发展', scope: '农作物种植；蔬菜、水果种植及销售；农业技术推广服务' },
  { word: '咨询服务', scope: '企业管理咨询；商务信息咨询；市场调查（不含涉外调查）' },
  { word: '环保科技', scope: '环保技术开发；污水处理及其再生利用；固体废物治理' },
  { word: '新能源', scope: '太阳能发电技术服务；电动汽车充电基础设施运营；储能技术服务' },
  { word: '食品', scope: '食品生产；食品销售；农副产品收购' },
  { word: '投资管理', scope: '投资管理；资产管理；以自有资金从事投资活动' },
] as const;

/** What an individual business (个体工商户) typically is, and its scope. */
const SHOPS = [
  { word: '便利店', scope: '预包装食品、日用百货零售' },
  { word: '餐馆', scope: '餐饮服务（小型餐馆）' },
  { word: '理发店', scope: '理发服务；美容服务' },
  { word: '水果店', scope: '新鲜水果零售' },
  { word: '五金店', scope: '五金产品、建筑材料零售' },
  { word: '服装店', scope: '服装鞋帽零售' },
  { word: '小吃店', scope: '小吃服务' },
  { word: '家电维修部', scope: '家用电器修理；日用产品修理' },
  { word: '烟酒店', scope: '卷烟零售；酒类零售' },
  { word: '图文店', scope: '打字复印；办公用品零售' },
] as const;

type EnterpriseKind = '有限责任公司' | '股份有限公司' | '个人独资企业' | '合伙企业' | '个体工商户';

const COMPANY_KINDS: Readonly<Record<Exclude<EnterpriseKind, '个体工商户'>, number>> = {
  有限责任公司: 80,
  股份有限公司: 6,
  个人独资企业: 8,
  合伙企业: 6,
};

const STATUSES: Readonly<Record<EnterpriseStatus, number>> = { ACTIVE: 86, SUSPENDED: 4, REVOKED: 4, DEREGISTERED: 6 };

/** Registered capital (or an individual business's funds), in 10,000 CNY. */
const CAPITALS: Readonly<Record<EnterpriseKind, readonly number[]>> = {
  有限责任公司: [10, 30, 50, 100, 100, 200, 300, 500, 500, 1000, 2000, 5000],
  股份有限公司: [500, 1000, 3000, 5000, 10000, 20000, 50000],
  个人独资企业: [1, 3, 5, 10, 20, 50],
  合伙企业: [100, 500, 1000, 3000, 10000],
  个体工商户: [0.5, 1, 2, 3, 5, 10],
};

/** A share of enterprises whose representative already represents another one. */
const SERIAL_FOUNDER_SHARE = 0.15;

/** 北京市东城区 → 北京; 广东省广州市荔湾区 → 广州. */
function cityOf(region: Region): string {
  const afterProvince = region.district.slice(region.district.indexOf('省') + 1);
  return afterProvince.slice(0, afterProvince.indexOf('市'));
}

/** 广东省广州市荔湾区 → 广州市荔湾区. */
function cityAndDistrictOf(region: Region): string {
  return region.district.slice(region.district.indexOf('省') + 1);
}

function brand(random: Random): string {
  const first = random.pick(BRAND_CHARACTERS);
  let second = random.pick(BRAND_CHARACTERS);
  while (second === first) second = random.pick(BRAND_CHARACTERS);
  return first + second;
}

/** A registered name such as 北京恒信科技有限公司, and the business scope it implies. */
function nameAndScope(kind: EnterpriseKind, region: Region, random: Random): { name: string; scope: string } {
  if (kind === '个体工商户') {
    const shop = random.pick(SHOPS);
    return { name: `${cityAndDistrictOf(region)}${brand(random)}${shop.word}`, scope: shop.scope };
  }
  const industry = random.pick(INDUSTRIES);
  const stem = `${cityOf(region)}${brand(random)}${industry.word}`;
  const scope = industry.scope + APPROVAL_NOTE;
  switch (kind) {
    case '有限责任公司':
      return { name: `${stem}有限公司`, scope };
    case '股份有限公司':
      return { name: `${stem}股份有限公司`, scope };
    case '个人独资企业':
      return { name: `${stem}${random.pick(['中心', '经营部', '工作室'])}`, scope };
    case '合伙企业':
      return { name: `${stem}合伙企业（${random.chance(0.7) ? '有限合伙' : '普通合伙'}）`, scope };
  }
}

/** A representative who is at least 18 on the establishment date, and that date. */
function representativeAndDate(eligible: readonly string[], earlier: readonly string[], random: Random): { idNumber: string; establishedOn: string } {
  const idNumber = earlier.length > 0 && random.chance(SERIAL_FOUNDER_SHARE) ? random.pick(earlier) : random.pick(eligible);
  const [year, month, day] = residentIdBirthDate(idNumber).split('-').map(Number);
  const earliest = Math.max(FIRST_DAY, Date.UTC(year + 18, month - 1, day));
  const days = Math.floor((LAST_DAY - earliest) / DAY);
  return { idNumber, establishedOn: new Date(earliest + random.int(0, days) * DAY).toISOString().slice(0, 10) };
}

/** One enterprise per credit code of the seed world, in one transaction. */
export async function seed(db: Kysely<MarketDatabase>, options: SeedOptions): Promise<void> {
  const world = seedWorld(options);
  const random = createRandom(options.seed, 'market.enterprises');
  const adultsBy = new Date(LAST_DAY - 18 * 366 * DAY).toISOString().slice(0, 10);
  const eligible = world.personIds.filter((id) => residentIdBirthDate(id) <= adultsBy);
  if (eligible.length === 0) throw new Error(`market seed: no person of seed ${options.seed} is old enough to represent an enterprise`);

  const names = new Set<string>();
  const representatives: string[] = [];
  const rows: EnterpriseRow[] = world.creditCodes.map((creditCode) => {
    const region = regionByCode(creditCode.slice(2, 8));
    if (!region) throw new Error(`market seed: credit code region ${creditCode.slice(2, 8)} is not in the kit's REGIONS`);
    // Registration-kind character 2 marks an individual business.
    const kind: EnterpriseKind = creditCode[1] === '2' ? '个体工商户' : random.weighted(COMPANY_KINDS);
    let named = nameAndScope(kind, region, random);
    while (names.has(named.name)) named = nameAndScope(kind, region, random);
    names.add(named.name);
    const { idNumber, establishedOn } = representativeAndDate(eligible, representatives, random);
    representatives.push(idNumber);
    return {
      credit_code: creditCode,
      name: named.name,
      kind,
      status: random.weighted(STATUSES),
      registered_capital: random.pick(CAPITALS[kind]),
      established_on: establishedOn,
      address: streetAddress(region, random),
      business_scope: named.scope,
      legal_representative_id: idNumber,
    };
  });

  await db.transaction().execute(async (trx) => {
    await insertInChunks(rows, (chunk) => trx.insertInto('enterprises').values(chunk).execute());
  });
}
