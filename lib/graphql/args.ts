import { z } from "zod";
import { Invalid } from "@/lib/http/errors";
import { asinSchema } from "@/lib/products/asin";
import { isoDateSchema, limitSchema, marketplaceSchema } from "@/lib/products/schemas";

// Field arguments are checked with the same zod building blocks as REST query strings, so a value
// REST refuses is refused here too (as BAD_USER_INPUT with the argument's path).
export function parseArgs<T>(schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ path: ["args", ...issue.path.map(String)].join("."), message: issue.message }));
    throw new Invalid(`Invalid arguments: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, errors);
  }
  return result.data;
}

// GraphQL sends null for an argument given as null; REST schemas expect it absent.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? undefined, schema.optional());

export const pageArgsSchema = z.object({ first: limitSchema, after: optional(z.string().max(512)) });

export const productArgsSchema = z.object({ asin: asinSchema, marketplace: marketplaceSchema });

export const idArgsSchema = z.object({ id: z.uuid("an id is a UUID") });

export const alertsArgsSchema = pageArgsSchema.extend({
  status: z.enum(["OPEN", "ACKNOWLEDGED", "ALL"]).transform((s) => s.toLowerCase() as "open" | "acknowledged" | "all"),
  asin: optional(asinSchema),
  since: optional(isoDateSchema),
});

export const optionalDateArgsSchema = z.object({ date: optional(isoDateSchema) });
