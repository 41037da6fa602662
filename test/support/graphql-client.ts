import { createHash } from "node:crypto";

type Handler = (request: Request) => Promise<Response>;

export const sha256 = (document: string) => createHash("sha256").update(document).digest("hex");

export interface GraphqlCall {
  key?: string;
  headers?: Record<string, string>;
}

/** GET /api/graphql?extensions=…&variables=… — a persisted query by hash, as APQ clients send it. */
export function getPersisted(handler: Handler, hash: string, variables: Record<string, unknown> | undefined, call: GraphqlCall = {}): Promise<Response> {
  const url = new URL("http://localhost/api/graphql");
  url.searchParams.set("extensions", JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
  if (variables) url.searchParams.set("variables", JSON.stringify(variables));
  return handler(new Request(url, { headers: headersOf(call) }));
}

/** POST /api/graphql with a JSON body. */
export function postGraphql(handler: Handler, body: unknown, call: GraphqlCall = {}): Promise<Response> {
  return handler(
    new Request("http://localhost/api/graphql", {
      method: "POST",
      headers: { ...headersOf(call), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

function headersOf(call: GraphqlCall): Record<string, string> {
  return { accept: "application/json", ...(call.key ? { authorization: `Bearer ${call.key}` } : {}), ...call.headers };
}

/**
 * What an Apollo client with automatic persisted queries does: the hash alone first, and on
 * PersistedQueryNotFound the hash with the document (which registers it). Returns the final answer.
 */
export async function apqQuery(handler: Handler, document: string, variables: Record<string, unknown> | undefined, call: GraphqlCall): Promise<Response> {
  const hash = sha256(document);
  const first = await postGraphql(handler, { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, call);
  const body = (await first.clone().json()) as { errors?: Array<{ message: string }> };
  if (body.errors?.[0]?.message !== "PersistedQueryNotFound") return first;
  return postGraphql(handler, { query: document, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, call);
}

/** The data of an APQ query that must succeed. */
export async function gqlData<T = Record<string, unknown>>(handler: Handler, document: string, variables: Record<string, unknown> | undefined, key: string): Promise<T> {
  const response = await apqQuery(handler, document, variables, { key });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body)}`);
  return body.data!;
}
