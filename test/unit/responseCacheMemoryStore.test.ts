import { memoryResponseCacheStore } from '../../gateway/cache';

describe('memoryResponseCacheStore', () => {
  it('an entry read back before it expires → its value', async () => {
    const store = memoryResponseCacheStore({ maxEntries: 10 });
    await store.write('k', 'v', await store.generations(['population']), 60);
    expect(await store.read('k')).toBe('v');
  });

  it('past its time → a miss', async () => {
    let now = 1_000;
    const store = memoryResponseCacheStore({ maxEntries: 10, now: () => now });
    await store.write('k', 'v', {}, 60);
    now += 60_000;
    expect(await store.read('k')).toBeUndefined();
  });

  it('a write to a department the entry holds records of → a miss', async () => {
    const store = memoryResponseCacheStore({ maxEntries: 10 });
    await store.write('k', 'v', await store.generations(['population', 'licenses']), 60);
    await store.invalidate(['licenses']);
    expect(await store.read('k')).toBeUndefined();
  });

  it('a write to another department → still served', async () => {
    const store = memoryResponseCacheStore({ maxEntries: 10 });
    await store.write('k', 'v', await store.generations(['population']), 60);
    await store.invalidate(['market']);
    expect(await store.read('k')).toBe('v');
  });

  it('full → the oldest entry goes first', async () => {
    const store = memoryResponseCacheStore({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await store.write(key, key, {}, 60);
    expect([await store.read('a'), await store.read('b'), await store.read('c')]).toEqual([undefined, 'b', 'c']);
  });
});
