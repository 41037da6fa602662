// Deterministic randomness for the demo source. Every value is a pure function of its key, so any
// (product, day) can be generated without replaying earlier days: a scrape job, a backfill and a
// test asking for the same day all see the same number.

type KeyPart = string | number;

/** 32-bit hash of the key parts: FNV-1a over the joined key, then the murmur3 finaliser to spread bits. */
export function hash32(...parts: KeyPart[]): number {
  const key = parts.join("\u241f");
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1). */
export function unit(...parts: KeyPart[]): number {
  return hash32(...parts) / 2 ** 32;
}

/** Uniform in [low, high). */
export function between(low: number, high: number, ...parts: KeyPart[]): number {
  return low + (high - low) * unit(...parts);
}

/** Uniform integer in [low, high]. */
export function intBetween(low: number, high: number, ...parts: KeyPart[]): number {
  return low + Math.floor(unit(...parts) * (high - low + 1));
}

export function pick<T>(items: readonly T[], ...parts: KeyPart[]): T {
  return items[Math.floor(unit(...parts) * items.length)];
}

/**
 * Smooth noise in [-1, 1] over time `t` (days): hashed values on a lattice `period` days apart,
 * blended with smoothstep. Its slope never exceeds 3 / period per day, which is what lets callers
 * bound day-over-day moves (and keep review counts monotone).
 */
export function valueNoise(key: string, t: number, period: number): number {
  const x = t / period;
  const cell = Math.floor(x);
  const f = x - cell;
  const a = 2 * unit(key, period, cell) - 1;
  const b = 2 * unit(key, period, cell + 1) - 1;
  return a + (b - a) * f * f * (3 - 2 * f);
}

export interface Octave {
  period: number;
  weight: number;
}

/** Weighted sum of value-noise octaves, normalised back to [-1, 1]: slow drift plus faster wiggle. */
export function fractalNoise(key: string, t: number, octaves: readonly Octave[]): number {
  let sum = 0;
  let total = 0;
  for (const { period, weight } of octaves) {
    sum += weight * valueNoise(key, t, period);
    total += weight;
  }
  return sum / total;
}
