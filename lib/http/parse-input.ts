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

/** Reads a JSON body, counting bytes as they arrive so a chunked upload cannot pass the limit. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new UnsupportedMediaType();
  if (!request.body) throw new Invalid("A JSON body is required.");
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
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new Invalid("A JSON body is required.");
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
}
