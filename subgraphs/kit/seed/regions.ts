/**
 * Administrative divisions used by generated records: the code is the first six digits
 * of resident ID numbers and of credit codes; the name prefixes addresses.
 */
export interface Region {
  code: string;
  /** Province/city and district, e.g. 北京市东城区. Address masks keep exactly this part. */
  district: string;
  streets: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { code: '110101', district: '北京市东城区', streets: ['东华门街道', '景山街道', '交道口街道', '安定门街道'] },
  { code: '110102', district: '北京市西城区', streets: ['西长安街街道', '新街口街道', '月坛街道', '金融街街道'] },
  { code: '110105', district: '北京市朝阳区', streets: ['建外街道', '三里屯街道', '望京街道', '酒仙桥街道'] },
  { code: '310101', district: '上海市黄浦区', streets: ['南京东路街道', '外滩街道', '豫园街道', '打浦桥街道'] },
  { code: '310104', district: '上海市徐汇区', streets: ['天平路街道', '湖南路街道', '徐家汇街道', '枫林路街道'] },
  { code: '440103', district: '广东省广州市荔湾区', streets: ['沙面街道', '华林街道', '逢源街道', '多宝街道'] },
  { code: '440106', district: '广东省广州市天河区', streets: ['五山街道', '石牌街道', '天河南街道', '林和街道'] },
  { code: '330102', district: '浙江省杭州市上城区', streets: ['湖滨街道', '清波街道', '小营街道', '望江街道'] },
  { code: '330106', district: '浙江省杭州市西湖区', streets: ['北山街道', '西溪街道', '灵隐街道', '文新街道'] },
  { code: '510104', district: '四川省成都市锦江区', streets: ['春熙路街道', '书院街街道', '合江亭街道', '牛市口街道'] },
  { code: '510107', district: '四川省成都市武侯区', streets: ['浆洗街街道', '望江路街道', '玉林街道', '火车南站街道'] },
  { code: '420102', district: '湖北省武汉市江岸区', streets: ['大智街道', '一元街道', '车站街道', '四唯街道'] },
  { code: '320102', district: '江苏省南京市玄武区', streets: ['梅园新村街道', '新街口街道', '玄武门街道', '锁金村街道'] },
  { code: '610102', district: '陕西省西安市新城区', streets: ['西一路街道', '长乐中路街道', '中山门街道', '韩森寨街道'] },
  { code: '500103', district: '重庆市渝中区', streets: ['解放碑街道', '七星岗街道', '两路口街道', '大坪街道'] },
];

const ROADS = ['人民路', '中山路', '解放路', '建设路', '和平路', '胜利路', '文化路', '长江路', '黄河路', '新华路'];

/** A full street address inside a region, e.g. 北京市东城区景山街道人民路18号3单元502室. */
export function streetAddress(region: Region, draw: { int(min: number, max: number): number; pick<T>(items: readonly T[]): T }): string {
  const street = draw.pick(region.streets);
  const road = draw.pick(ROADS);
  return `${region.district}${street}${road}${draw.int(1, 299)}号${draw.int(1, 6)}单元${draw.int(1, 30)}0${draw.int(1, 4)}室`;
}

export function regionByCode(code: string): Region | undefined {
  return REGIONS.find((r) => r.code === code);
}
