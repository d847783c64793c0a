import { maskAddress } from '../../policies/masks';

describe('maskAddress', () => {
  it('address with a district → kept up to the district, then ****', () => {
    expect(maskAddress('北京市东城区景山街道人民路18号')).toBe('北京市东城区****');
  });

  it('address with a county → kept up to the county, then ****', () => {
    expect(maskAddress('河北省保定市涞水县永阳镇北关村12号')).toBe('河北省保定市涞水县****');
  });

  it('address with neither district nor county → kept up to the city, then ****', () => {
    expect(maskAddress('广东省东莞市南城街道宏图路3号')).toBe('广东省东莞市****');
  });

  it('address with no district, county or city → ****', () => {
    expect(maskAddress('景山街道人民路18号')).toBe('****');
  });

  it('already masked value → unchanged', () => {
    expect(maskAddress('北京市东城区****')).toBe('北京市东城区****');
    expect(maskAddress('****')).toBe('****');
  });

  it('null or a number → returned as is', () => {
    expect(maskAddress(null)).toBeNull();
    expect(maskAddress(18)).toBe(18);
  });
});
