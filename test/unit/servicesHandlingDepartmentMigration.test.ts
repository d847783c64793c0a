import { openDatabase } from '../../subgraphs/kit';
import { migrations } from '../../subgraphs/services/migrations';

/**
 * A service platform database created before cases were tied to a handling department:
 * the migration fills `handled_by` for the agencies on the platform and leaves the others null.
 */
describe('migration 0002 on a database made before it', () => {
  it('items of the market and public-security agencies → market and population; other agencies → null', async () => {
    const { db, close } = await openDatabase<any>({ department: 'services-migration', file: ':memory:' });
    try {
      await migrations['0001_create_service_platform'].up(db);
      const item = (code: string, department: string) => ({ code, name: code, department, required_licenses: '[]', time_limit_days: 1 });
      await db
        .insertInto('service_items')
        .values([item('SI-0001', '市场监督管理局'), item('SI-0002', '公安局'), item('SI-0003', '民政局')])
        .execute();
      await migrations['0002_service_item_handling_department'].up(db);
      const rows = await db.selectFrom('service_items').select(['code', 'handled_by']).orderBy('code').execute();
      expect(rows).toEqual([
        { code: 'SI-0001', handled_by: 'market' },
        { code: 'SI-0002', handled_by: 'population' },
        { code: 'SI-0003', handled_by: null },
      ]);
    } finally {
      await close();
    }
  });
});
