// Client islands call the REST API with the session cookie (same origin). Problem+json answers
// become an ApiError whose message is the server's `detail`, ready to show next to the control.

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string; errors?: FieldProblem[] };
    const detail = problem.detail ?? problem.title ?? response.statusText;
    const fields = problem.errors ?? [];
    return new ApiError(response.status, fields.length ? `${detail} ${fields.map((f) => `${f.path}: ${f.message}`).join("; ")}` : detail, fields);
  } catch {
    return new ApiError(response.status, `Request failed (${response.status}).`);
  }
}

/** JSON in, JSON out; 204 resolves to null. Throws ApiError for any non-2xx answer. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    cache: "no-store",
  });
  if (!response.ok) throw await problemOf(response);
  return response.status === 204 ? (null as T) : ((await response.json()) as T);
}

/** POSTs and reads a text/event-stream answer, calling onEvent for each `data:` event as it arrives. */
export async function postEventStream(
  path: string,
  onEvent: (event: { event: string; data: string }) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await fetch(path, { method: "POST", credentials: "same-origin", headers: { Accept: "text/event-stream" }, signal });
  if (!response.ok || !response.body) throw await problemOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    // Events are separated by a blank line (SSE); keep an incomplete tail for the next read.
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? "";
    for (const block of blocks) {
      const parsed = parseEventBlock(block);
      if (parsed) onEvent(parsed);
    }
  }
  const last = parseEventBlock(buffer);
  if (last) onEvent(last);
}

function parseEventBlock(block: string): { event: string; data: string } | null {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return data.length ? { event, data: data.join("\n") } : null;
}
