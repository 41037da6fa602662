import { HttpError } from "./errors";

const PROBLEM_BASE = "https://shelfwatch.dev/problems/";

/** RFC 9457 problem+json. Unknown errors become a bare 500: internals never reach the client. */
export function problemResponse(error: unknown, requestId: string): Response {
  const known = error instanceof HttpError;
  const status = known ? error.status : 500;
  const body = {
    type: PROBLEM_BASE + (known ? error.code : "internal"),
    title: known ? error.title : "Internal server error",
    status,
    detail: known ? error.detail : "The server could not complete the request.",
    ...(known && error.extra.errors ? { errors: error.extra.errors } : {}),
    request_id: requestId,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...(known ? error.extra.headers : {}),
    },
  });
}
