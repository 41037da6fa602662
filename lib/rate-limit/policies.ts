import { config, type RateLimitSetting } from "@/lib/config/env";

/**
 * The named rate-limit policies. Each counts requests per subject (an API key, a signed-in user,
 * a client IP or a sign-in email) in a sliding window; the numbers come from the environment
 * (RATE_LIMIT_*, lib/config/env.ts) so an operator can tune or switch off one policy.
 */
export const POLICIES = {
  "api-read": { setting: "apiRead", what: "GET requests to /api/v1 (and POST /metrics:batch)" },
  "api-write": { setting: "apiWrite", what: "requests to /api/v1 that change something" },
  "report-generation": { setting: "reports", what: "POST /api/v1/competitions/{id}/reports (LLM spend)" },
  graphql: { setting: "graphql", what: "requests to /api/graphql" },
  "sign-in-ip": { setting: "signInIp", what: "sign-in attempts from one client IP" },
  "sign-in-email": { setting: "signInEmail", what: "sign-in attempts for one email" },
} as const satisfies Record<string, { setting: RateLimitSetting; what: string }>;

export type PolicyName = keyof typeof POLICIES;

export interface RateLimitPolicy {
  name: PolicyName;
  limit: number;
  windowMs: number;
}

/** The policy's current limits, or null when it is switched off. */
export function ratePolicy(name: PolicyName): RateLimitPolicy | null {
  const setting = config().rateLimits[POLICIES[name].setting];
  return setting ? { name, ...setting } : null;
}

// Requests whose method says "write" but which read (a batch read is a POST) or cost more (an
// LLM report) than an ordinary write. Key: "<METHOD> <route template>".
const ROUTE_POLICIES: Record<string, PolicyName> = {
  "POST /api/v1/metrics:batch": "api-read",
  "POST /api/v1/competitions/{id}/reports": "report-generation",
};

/** The policy of a REST request: its entry above, else reads and writes counted apart. */
export function apiPolicyFor(method: string, route: string): PolicyName {
  return ROUTE_POLICIES[`${method} ${route}`] ?? (method === "GET" || method === "HEAD" ? "api-read" : "api-write");
}
