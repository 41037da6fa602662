type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  key?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  body?: BodyInit;
}

/** Invokes a route handler the way Next.js does: a Request and a promise of the path params. */
export function callRoute(handler: Handler, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers = new Headers(opts.headers);
  if (opts.key) headers.set("authorization", `Bearer ${opts.key}`);
  const request = new Request(new URL(path, "http://localhost"), {
    method: opts.method ?? "GET",
    headers,
    body: opts.body,
    ...(opts.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return handler(request, { params: Promise.resolve(opts.params ?? {}) });
}
