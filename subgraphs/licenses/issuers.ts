import { regionByCode } from '../kit';

/** Splits 广东省广州市荔湾区 into the city (广州市) and the district (荔湾区). */
function cityAndDistrict(regionCode: string): { city: string; district: string } {
  const region = regionByCode(regionCode);
  if (!region) throw new Error(`No seed region has code ${regionCode}`);
  const match = /^(?:[^省]+省)?([^市]+市)(.*)$/.exec(region.district);
  if (!match) throw new Error(`Cannot split region name ${region.district} into city and district`);
  return { city: match[1], district: match[2] };
}

const MUNICIPALITIES = ['北京市', '上海市', '天津市', '重庆市'];

/** 北京市朝阳区市场监督管理局, or the city's bureau for `cityLevel`. */
export function marketRegulator(regionCode: string, cityLevel: boolean): string {
  const { city, district } = cityAndDistrict(regionCode);
  return `${city}${cityLevel ? '' : district}市场监督管理局`;
}

/** 北京市公安局交通管理局; outside municipalities the traffic police detachment. */
export function trafficAuthority(regionCode: string): string {
  const { city } = cityAndDistrict(regionCode);
  return MUNICIPALITIES.includes(city) ? `${city}公安局交通管理局` : `${city}公安局交通警察支队`;
}

/** 上海市徐汇区民政局: marriages are registered by the district's civil affairs bureau. */
export function civilAffairsBureau(regionCode: string): string {
  const { city, district } = cityAndDistrict(regionCode);
  return `${city}${district}民政局`;
}
