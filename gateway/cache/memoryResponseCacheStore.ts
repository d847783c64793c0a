import type { Generations } from './CachedAnswer';
import type { ResponseCacheStore } from './ResponseCacheStore';

interface Entry {
  value: string;
  generations: Generations;
  expiresAt: number;
}

/**
 * The cache in this process's memory: for one gateway instance (with several, each keeps its
 * own and sees only the writes that pass through it: use Redis). At most `maxEntries` answers;
 * when full, the oldest kept goes first (a Map keeps insertion order).
 */
export function memoryResponseCacheStore({ maxEntries, now = Date.now }: { maxEntries: number; now?: () => number }): ResponseCacheStore {
  const entries = new Map<string, Entry>();
  const current = new Map<string, number>();
  const generationOf = (department: string): number => current.get(department) ?? 0;
  return {
    kind: 'memory',
    async read(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const stale = entry.expiresAt <= now() || Object.entries(entry.generations).some(([department, generation]) => generationOf(department) !== generation);
      if (stale) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async generations(departments) {
      return Object.fromEntries(departments.map((department) => [department, generationOf(department)]));
    },
    async write(key, value, generations, ttlSeconds) {
      entries.delete(key);
      while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, generations, expiresAt: now() + ttlSeconds * 1000 });
    },
    async invalidate(departments) {
      for (const department of departments) current.set(department, generationOf(department) + 1);
    },
    async close() {
      entries.clear();
    },
  };
}
