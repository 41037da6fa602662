import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time check of `Authorization: Bearer <secret>`; false when no secret is configured. */
export function bearerMatches(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  // Hashing first gives equal lengths, so the comparison time says nothing about the secret.
  const given = createHash("sha256").update(header.slice("Bearer ".length)).digest();
  const wanted = createHash("sha256").update(secret).digest();
  return timingSafeEqual(given, wanted);
}
