import { createHash } from "node:crypto";

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...init.headers },
  });
}

/** Strong ETag of a serialized body: a content hash, so equal bodies share a tag across instances. */
export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

export type CacheOutcome = "HIT" | "MISS" | "STALE";

export interface CacheableBody {
  body: string;
  etag: string;
  cache: CacheOutcome;
}

/**
 * A cacheable GET answer: strong ETag, Cache-Control, X-Cache, and 304 with no body when the
 * client already holds this representation.
 */
export function conditionalJson(
  request: Request,
  value: CacheableBody,
  opts: { cacheControl: string; contentType?: string; extraHeaders?: Record<string, string> },
): Response {
  const headers: Record<string, string> = {
    ETag: value.etag,
    "Cache-Control": opts.cacheControl,
    "X-Cache": value.cache,
    Vary: "Authorization, Cookie",
    ...opts.extraHeaders,
  };
  if (etagMatches(request.headers.get("if-none-match"), value.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers["Content-Type"] = opts.contentType ?? "application/json; charset=utf-8";
  return new Response(value.body, { status: 200, headers });
}

/** A GET computed on every request (live state such as run progress) that still honours ETag/304. */
export function freshJson(request: Request, value: unknown, cacheControl: string): Response {
  const body = JSON.stringify(value);
  return conditionalJson(request, { body, etag: etagOf(body), cache: "MISS" }, { cacheControl });
}
