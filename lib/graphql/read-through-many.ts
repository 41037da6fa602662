import "server-only";
import { readThrough, type ReadThroughOptions } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";

// A batch can only be computed once every key has either answered from the cache or asked to be
// loaded. A key can also wait on another request's computation of the same entry (single-flight);
// two requests waiting on each other that way would never flush, so a short timer breaks the tie.
const FLUSH_AFTER_MS = 100;

/**
 * Reads many entries through the SWR cache and computes all the misses with one call of loadMany.
 * Each entry is read with readThrough under its own key — the key a single read uses, so REST and
 * GraphQL share entries — and the number of queries stays constant however many keys miss.
 * loadMany returns one value per id, aligned (null for "missing").
 */
export function readThroughMany<Id>(
  entries: ReadonlyArray<{ key: string; id: Id }>,
  options: ReadThroughOptions,
  loadMany: (ids: Id[]) => Promise<unknown[]>,
): Promise<(CacheableBody | null)[]> {
  if (entries.length === 0) return Promise.resolve([]);
  const pending: Array<{ id: Id; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  let undecided = entries.length;
  let flushed = false;
  const timer = setTimeout(flush, FLUSH_AFTER_MS);

  function flush(): void {
    if (flushed) return;
    flushed = true;
    clearTimeout(timer);
    const batch = pending.splice(0);
    if (batch.length === 0) return;
    loadMany(batch.map((p) => p.id)).then(
      (values) => batch.forEach((p, i) => p.resolve(values[i] ?? null)),
      (error) => batch.forEach((p) => p.reject(error)),
    );
  }

  return Promise.all(
    entries.map(({ key, id }) => {
      let decided = false;
      const decide = () => {
        if (decided) return;
        decided = true;
        undecided -= 1;
        if (undecided === 0) flush();
      };
      const load = (): Promise<unknown> => {
        // After the flush (a background refresh of a stale entry): load this one on its own.
        if (flushed) return loadMany([id]).then((values) => values[0] ?? null);
        return new Promise((resolve, reject) => {
          pending.push({ id, resolve, reject });
          decide();
        });
      };
      return readThrough(key, options, load).finally(decide);
    }),
  );
}
