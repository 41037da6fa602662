// Typed errors with codes, mapped to RFC 9457 problem+json in one place (problem.ts).
export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export class Invalid extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, "invalid-request", "Invalid request", detail, { errors });
  }
}

export class Unauthorized extends HttpError {
  constructor(detail = "Missing or invalid credentials.") {
    super(401, "unauthorized", "Unauthorized", detail, { headers: { "WWW-Authenticate": 'Bearer realm="shelfwatch"' } });
  }
}

export class Forbidden extends HttpError {
  constructor(detail: string) {
    super(403, "forbidden", "Forbidden", detail);
  }
}

export class NotFound extends HttpError {
  constructor(detail: string) {
    super(404, "not-found", "Not found", detail);
  }
}

export class MethodNotAllowed extends HttpError {
  constructor(allowed: string[]) {
    super(405, "method-not-allowed", "Method not allowed", `Allowed: ${allowed.join(", ")}.`, { headers: { Allow: allowed.join(", ") } });
  }
}

export class Conflict extends HttpError {
  constructor(detail: string) {
    super(409, "conflict", "Conflict", detail);
  }
}

export class PayloadTooLarge extends HttpError {
  constructor(limitBytes: number) {
    super(413, "payload-too-large", "Payload too large", `The request body exceeds ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaType extends HttpError {
  constructor() {
    super(415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.");
  }
}

export class RateLimited extends HttpError {
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(429, "rate-limited", "Too many requests", `Rate limit exceeded; retry in ${retryAfterSeconds} s.`, {
      headers: { ...headers, "Retry-After": String(retryAfterSeconds) },
    });
  }
}

export class BudgetExceeded extends HttpError {
  constructor(detail: string) {
    super(429, "budget-exceeded", "Budget exceeded", detail);
  }
}

export class ServiceUnavailable extends HttpError {
  constructor(detail: string) {
    super(503, "unavailable", "Service unavailable", detail);
  }
}
