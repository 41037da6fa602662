import "server-only";
import { createHash } from "node:crypto";
import { checkRateLimit } from "./enforce";

/**
 * Sign-in attempts are counted per client IP (one host guessing many accounts) and per email (many
 * hosts guessing one account); either limit refuses the attempt before the password is checked.
 * The email is hashed so the limiter's keys never hold addresses.
 */
export async function throttleSignIn(attempt: { ip: string; email: string }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const emailDigest = createHash("sha256").update(attempt.email.trim().toLowerCase()).digest("base64url");
  const checks = await Promise.all([checkRateLimit("sign-in-ip", `ip:${attempt.ip}`), checkRateLimit("sign-in-email", `email:${emailDigest}`)]);
  const refused = checks.filter((c) => c.decision && !c.decision.allowed);
  if (refused.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, ...refused.map((c) => Number(c.headers["RateLimit-Reset"]))) };
}
