import { z } from "zod";

export const ASIN_PATTERN = /^[A-Z0-9]{10}$/;

/** Input is trimmed and upper-cased before it is checked (API.md). */
export function normalizeAsin(input: string): string {
  return input.trim().toUpperCase();
}

export const asinSchema = z
  .string()
  .transform(normalizeAsin)
  .pipe(z.string().regex(ASIN_PATTERN, "an ASIN is 10 characters A-Z or 0-9"))
  .meta({ description: "An ASIN: 10 characters A-Z or 0-9 (trimmed and upper-cased first).", example: "B0CHX1W1XY" });
