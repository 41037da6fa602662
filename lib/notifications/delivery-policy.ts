/** How webhook deliveries are retried, timed out and given up on. */
export interface DeliveryPolicy {
  /** Automatic attempts per delivery, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Whole request: connect, headers and the response excerpt. */
  timeoutMs: number;
  /** Consecutive failed attempts after which an endpoint is disabled. */
  disableAfterFailures: number;
}

// 30 s, 1, 2, 4, 8, 16, 32 min: eight attempts over about an hour. Three deliveries that exhaust
// every attempt in a row disable the endpoint.
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelaySeconds: 30,
  maxDelaySeconds: 6 * 3600,
  timeoutMs: 10_000,
  disableAfterFailures: 24,
};

/** Seconds to wait after failed attempt `attemptNo` (1-based) before the next: exponential, capped. */
export function retryDelaySeconds(policy: DeliveryPolicy, attemptNo: number): number {
  return Math.min(policy.baseDelaySeconds * 2 ** (attemptNo - 1), policy.maxDelaySeconds);
}

/** Bytes of a response body kept with an attempt. */
export const RESPONSE_EXCERPT_BYTES = 1024;
