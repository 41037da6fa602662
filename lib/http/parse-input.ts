import type { z } from "zod";
import { Invalid, PayloadTooLarge, UnsupportedMediaType, type FieldError } from "./errors";

export const BODY_LIMIT_BYTES = 1024 * 1024;

function fieldErrors(prefix: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: "params" | "query" | "body"): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(where, result.error);
    throw new Invalid(`Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, errors);
  }
  return result.data;
}

/** Query parameters as a plain object; a repeated name keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

/** Refuses a declared Content-Length over the limit before anything is read. */
export function assertDeclaredLength(request: Request): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > BODY_LIMIT_BYTES) throw new PayloadTooLarge(BODY_LIMIT_BYTES);
}

/**
 * Reads the body as text, counting bytes as they arrive so a chunked upload cannot pass the limit.
 * For callers that need the exact bytes (signature checks); others use readJsonBody.
 */
export async function readTextBody(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT_BYTES) {
      await reader.cancel();
      throw new PayloadTooLarge(BODY_LIMIT_BYTES);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body within the size limit. Empty reads as undefined; the route's schema decides. */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!request.body || request.headers.get("content-length") === "0") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new UnsupportedMediaType();
  const text = await readTextBody(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
}
