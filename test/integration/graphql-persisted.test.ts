import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/graphql/route";
import { createGraphqlHandler, GRAPHQL_LIMITS } from "@/lib/graphql/create-handler";
import manifest from "@/lib/graphql/manifest.json";
import { addDays, todayUtc } from "@/lib/dates";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, storeProduct } from "@/test/support/fixtures";
import { apqQuery, getPersisted, postGraphql, sha256 } from "@/test/support/graphql-client";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const route = (request: Request) => (request.method === "GET" ? GET(request) : POST(request));
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
// A fresh document per test: registrations live in the shared cache across tests.
const productDocument = () => `query Product($asin: String!) { product(asin: $asin) { asin title latest { date price } } } # ${randomUUID()}`;
const manifestOp = (name: string) => manifest.operations.find((op) => op.name === name)!;

let ws: Ws;
let asin: string;

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  asin = await storeProduct({ end: addDays(todayUtc(), -1), days: 3, trackFor: ws.id });
});

describe("automatic persisted queries", () => {
  it("runs the full flow a client does: hash miss, register, GET hit with an ETag, 304", async () => {
    const document = productDocument();
    const hash = sha256(document);
    const variables = { asin };

    const miss = await getPersisted(route, hash, variables, { key: ws.keys.viewer });
    expect(miss.status).toBe(200);
    expect(miss.headers.get("etag")).toBeNull();
    expect(miss.headers.get("cache-control")).toBe("no-store");
    expect(await miss.json()).toEqual({ errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] });

    const registered = await postGraphql(route, { query: document, variables, extensions: persisted(hash) }, { key: ws.keys.viewer });
    expect(registered.status).toBe(200);
    const data = { product: { asin, title: `Product ${asin}`, latest: { date: addDays(todayUtc(), -1), price: 1999 } } };
    expect(await registered.json()).toEqual({ data });

    const hit = await getPersisted(route, hash, variables, { key: ws.keys.viewer, headers: { "x-request-id": "apq-flow-1" } });
    expect(hit.status).toBe(200);
    expect(await hit.clone().json()).toEqual({ data });
    const etag = hit.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong, not W/
    expect(hit.headers.get("cache-control")).toBe("private, no-cache");
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.headers.get("x-request-id")).toBe("apq-flow-1");

    const notModified = await getPersisted(route, hash, variables, { key: ws.keys.viewer, headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);

    // Other variables are another representation.
    const other = await getPersisted(route, hash, { asin: "B000000000" }, { key: ws.keys.viewer, headers: { "if-none-match": etag } });
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ data: { product: null } });
  });

  it("shares registrations between instances through the cache", async () => {
    const document = productDocument();
    const first = createGraphqlHandler({ policy: { development: false, trustedDocumentsOnly: false } });
    const second = createGraphqlHandler({ policy: { development: false, trustedDocumentsOnly: false } });
    const answer = await apqQuery(first, document, { asin }, { key: ws.keys.viewer });
    expect(answer.status).toBe(200);
    const elsewhere = await getPersisted(second, sha256(document), { asin }, { key: ws.keys.viewer });
    expect((await elsewhere.json()).data.product.asin).toBe(asin);
  });

  it("refuses a hash that does not match the document and registers nothing", async () => {
    const document = productDocument();
    const wrong = sha256(`${document} `);
    const refused = await postGraphql(route, { query: document, variables: { asin }, extensions: persisted(wrong) }, { key: ws.keys.viewer });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0]).toMatchObject({ extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH" } });
    for (const hash of [wrong, sha256(document)]) {
      const lookup = await getPersisted(route, hash, { asin }, { key: ws.keys.viewer });
      expect((await lookup.json()).errors[0].message).toBe("PersistedQueryNotFound");
    }
  });

  it("refuses a persisted query version other than 1", async () => {
    const response = await postGraphql(route, { extensions: { persistedQuery: { version: 2, sha256Hash: sha256("x") } } }, { key: ws.keys.viewer });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_VERSION_UNSUPPORTED");
  });
});

describe("documents without a hash", () => {
  it("are refused outside development", async () => {
    const response = await postGraphql(route, { query: productDocument(), variables: { asin } }, { key: ws.keys.viewer });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_REQUIRED");
  });

  it("run in development, where introspection is on too", async () => {
    const dev = createGraphqlHandler({ policy: { development: true, trustedDocumentsOnly: false } });
    const response = await postGraphql(dev, { query: productDocument(), variables: { asin } }, { key: ws.keys.viewer });
    expect((await response.json()).data.product.asin).toBe(asin);
    const schema = await postGraphql(dev, { query: "{ __schema { queryType { name } } }" }, { key: ws.keys.viewer });
    expect((await schema.json()).data.__schema.queryType.name).toBe("Query");
  });

  it("cannot introspect outside development, even when registered", async () => {
    const response = await apqQuery(route, `{ __schema { queryType { name } } } # ${randomUUID()}`, undefined, { key: ws.keys.viewer });
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/introspection/i);
  });
});

describe("trusted documents only", () => {
  const trusted = createGraphqlHandler({ policy: { development: false, trustedDocumentsOnly: true } });

  it("runs the dashboard's manifest operations by hash", async () => {
    const op = manifestOp("ProductDetail");
    expect(op.hash).toBe(sha256(op.document));
    const response = await getPersisted(trusted, op.hash, { asin }, { key: ws.keys.viewer });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.product).toMatchObject({ asin, title: `Product ${asin}` });
    expect(body.data.product.series).toHaveLength(3);
    expect(response.headers.get("etag")).toMatch(/^"/);
  });

  it("registers nothing and runs nothing else", async () => {
    const document = productDocument();
    const registration = await postGraphql(trusted, { query: document, variables: { asin }, extensions: persisted(sha256(document)) }, { key: ws.keys.viewer });
    expect(registration.status).toBe(400);
    expect((await registration.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");

    // Registered through a normal instance: still unknown to a trusted-only one.
    expect((await apqQuery(route, document, { asin }, { key: ws.keys.viewer })).status).toBe(200);
    const lookup = await getPersisted(trusted, sha256(document), { asin }, { key: ws.keys.viewer });
    expect((await lookup.json()).errors[0].message).toBe("PersistedQueryNotFound");

    const plain = await postGraphql(trusted, { query: document, variables: { asin } }, { key: ws.keys.viewer });
    expect(plain.status).toBe(400);
    expect((await plain.json()).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");
  });

  it("accepts a manifest operation sent in full with its hash", async () => {
    const op = manifestOp("RunsList");
    const response = await postGraphql(trusted, { query: op.document, variables: { first: 1 }, extensions: persisted(op.hash) }, { key: ws.keys.viewer });
    expect(response.status).toBe(200);
    expect((await response.json()).data.runs.items.length).toBeLessThanOrEqual(1);
  });
});

describe("limits", () => {
  const priceDelta = "latest { priceDelta(window: D1) { abs } }";
  it(`runs a query ${GRAPHQL_LIMITS.maxDepth} deep and refuses one deeper`, async () => {
    const atLimit = `query AtLimit($id: ID!) { competition(id: $id) { comparison { competitors { product { ${priceDelta} } } } } } # ${randomUUID()}`;
    const within = await (await apqQuery(route, atLimit, { id: randomUUID() }, { key: ws.keys.viewer })).json();
    expect(JSON.stringify(within.errors ?? [])).not.toMatch(/depth/i);
    const overLimit = `query OverLimit { competitions { items { comparison { competitors { product { ${priceDelta} } } } } } } # ${randomUUID()}`;
    const refused = await (await apqQuery(route, overLimit, undefined, { key: ws.keys.viewer })).json();
    expect(refused.data).toBeUndefined();
    expect(refused.errors[0].message).toMatch(/depth limit/i);
  });

  it(`refuses more than ${GRAPHQL_LIMITS.maxAliases} aliases`, async () => {
    const aliases = Array.from({ length: GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `r${i}: runs(first: 1) { nextCursor }`).join(" ");
    const response = await apqQuery(route, `query Many { ${aliases} } # ${randomUUID()}`, undefined, { key: ws.keys.viewer });
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/aliases/i);
  });
});
