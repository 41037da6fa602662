import type { z } from "zod";
import type { RouteSpec } from "./define-route";

// A route's contract is declared once, in lib/<domain>/contracts.ts, beside the zod schemas it
// validates with. The route handler passes it to defineRoute (which reads route, access, params,
// query and body), and lib/openapi builds the OpenAPI document from the same object — so the
// document cannot describe input the handler does not check.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** Body schema; absent for 202/204 without a body. */
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
  /** Extra response headers worth documenting (e.g. Location). */
  headers?: Record<string, string>;
}

export interface RouteContract<P = unknown, Q = unknown, B = unknown> extends RouteSpec<P, Q, B> {
  method: HttpMethod;
  /** One line for the reference (OpenAPI `summary`). */
  summary: string;
  description?: string;
  /** Groups operations in the reference ("Products", "Alerts" …). */
  tag: string;
  /** Success answers by status. */
  responses: Partial<Record<200 | 201 | 202 | 204, ResponseSpec>>;
  /** A GET answered with a strong ETag, Cache-Control and X-Cache, and 304 on If-None-Match. */
  etag?: boolean;
  /** Error statuses beyond the ones the wrapper implies (404 for an unknown object, 409 …). */
  errors?: readonly number[];
}

// A registered symbol, not a module-level WeakSet: Next.js may evaluate this module once per bundle
// chunk, and a contract made in one copy must still be recognised by another.
const CONTRACT = Symbol.for("shelfwatch.route-contract");

/** Declares a route contract; the OpenAPI generator picks up every exported one. */
export function defineContract<P, Q, B>(contract: RouteContract<P, Q, B>): RouteContract<P, Q, B> {
  return Object.defineProperty(contract, CONTRACT, { value: true, enumerable: false });
}

export function isRouteContract(value: unknown): value is RouteContract {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CONTRACT] === true;
}
