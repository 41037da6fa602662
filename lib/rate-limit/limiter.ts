import type { RateLimitPolicy } from "./policies";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the window after this one. */
  remaining: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

export type RateLimiterKind = "memory" | "redis" | "upstash";

/**
 * One sliding-window algorithm, three backends. Each window is a counter per fixed interval; a
 * request is allowed while `current + floor(previous × (1 − elapsed fraction))` is below the
 * limit — the @upstash/ratelimit `slidingWindow` algorithm, so all adapters agree.
 * `limit` rejects when the backend is unreachable; the caller decides to fail open.
 */
export interface RateLimiter {
  readonly kind: RateLimiterKind;
  limit(policy: RateLimitPolicy, subject: string): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

/** The window index and the moment it ends, shared by the adapters that count themselves. */
export function windowOf(now: number, windowMs: number): { index: number; resetAt: number; elapsedFraction: number } {
  const index = Math.floor(now / windowMs);
  return { index, resetAt: (index + 1) * windowMs, elapsedFraction: (now % windowMs) / windowMs };
}
