import "server-only";
import type { Principal } from "@/lib/auth/roles";
import { noteCacheFailure } from "@/lib/cache/runtime";
import { clientIp } from "@/lib/http/client-ip";
import { RateLimited } from "@/lib/http/errors";
import { logger } from "@/lib/observability/logger";
import type { RateLimitDecision } from "./limiter";
import { ratePolicy, type PolicyName, type RateLimitPolicy } from "./policies";
import { rateLimiter } from "./runtime";

/** Whose budget a request spends: its API key, else its signed-in user, else its client IP. */
export function rateLimitSubject(request: Request, principal: Principal | null): string {
  if (principal?.apiKeyId) return `key:${principal.apiKeyId}`;
  if (principal?.userId) return `user:${principal.userId}`;
  return `ip:${clientIp(request.headers)}`;
}

/** RateLimit-Limit / -Remaining / -Reset (seconds until the window ends). */
export function rateLimitHeaders(decision: RateLimitDecision, now = Date.now()): Record<string, string> {
  return {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(Math.max(0, Math.ceil((decision.resetAt - now) / 1000))),
  };
}

/**
 * Spends one request of the subject's budget under the policy. Returns the RateLimit-* headers
 * for the response; past the limit throws RateLimited (429) carrying them and Retry-After.
 * A switched-off policy, or a backend that is down, lets the request through without headers:
 * an outage of Redis must not take the API down with it.
 */
export async function checkRateLimit(name: PolicyName, subject: string): Promise<{ decision: RateLimitDecision | null; headers: Record<string, string> }> {
  const policy: RateLimitPolicy | null = ratePolicy(name);
  if (!policy) return { decision: null, headers: {} };
  let decision: RateLimitDecision;
  try {
    decision = await rateLimiter().limit(policy, subject);
  } catch (error) {
    noteCacheFailure("rate_limit");
    logger().warn({ err: error, policy: name }, "rate limiter unavailable; request allowed");
    return { decision: null, headers: {} };
  }
  return { decision, headers: rateLimitHeaders(decision) };
}

/** For route handlers outside defineRoute (GraphQL): the headers to send, or a thrown 429. */
export async function enforceRateLimit(request: Request, principal: Principal | null, policy: PolicyName): Promise<Record<string, string>> {
  const { decision, headers } = await checkRateLimit(policy, rateLimitSubject(request, principal));
  if (decision && !decision.allowed) throw new RateLimited(Math.max(1, Number(headers["RateLimit-Reset"])), headers);
  return headers;
}
