// Test-only stand-in for QStash (the dev server downloads a binary and cannot run here): takes
// `POST /v2/batch` as @upstash/qstash 2.12 sends it, deduplicates, and delivers every message as
// QStash does — a POST to its destination signed with an Upstash-Signature JWT.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SigningKeys {
  currentSigningKey: string;
  nextSigningKey: string;
}

export interface PublishedMessage {
  messageId: string;
  destination: string;
  body: string;
  /** Headers as the SDK sent them (lower-case), e.g. upstash-deduplication-id, upstash-retries. */
  headers: Record<string, string>;
  deduplicated: boolean;
}

export interface Delivery {
  messageId: string;
  url: string;
  status: number;
  responseBody: string;
}

export interface QStashServer {
  url: string;
  token: string;
  keys: SigningKeys;
  published: PublishedMessage[];
  deliveries: Delivery[];
  /** Resolves when every accepted message has been delivered (or its delivery failed). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * An Upstash-Signature: an HS256 JWT whose claims bind it to one destination URL (`sub`) and one
 * body (`body` = SHA-256, base64url). QStash pads the body hash ("…="); the Receiver strips
 * padding on both sides before comparing, so the padded form is what is produced here.
 */
export function signDelivery(
  key: string,
  claims: { url: string; body: string; nowSecs?: number; ttlSecs?: number; issuer?: string },
): string {
  const now = claims.nowSecs ?? Math.floor(Date.now() / 1000);
  const bodyHash = createHash("sha256").update(claims.body, "utf8").digest("base64").replace(/\+/g, "-").replace(/\//g, "_");
  const header = { alg: "HS256", typ: "JWT" };
  const payload = {
    iss: claims.issuer ?? "Upstash",
    sub: claims.url,
    exp: now + (claims.ttlSecs ?? 300),
    nbf: now,
    iat: now,
    jti: `jwt_${randomBytes(12).toString("hex")}`,
    body: bodyHash,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac("sha256", key).update(signingInput).digest("base64url")}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

interface BatchEntry {
  destination: string;
  headers?: Record<string, string>;
  body?: string;
}

function isBatch(value: unknown): value is BatchEntry[] {
  return Array.isArray(value) && value.every((m) => typeof m === "object" && m !== null && typeof (m as BatchEntry).destination === "string");
}

/**
 * Deduplication ids are remembered for the server's lifetime: a repeat is acknowledged with the
 * first message's id and `deduplicated: true`, and not delivered again. Deliveries are attempted
 * once (QStash would retry non-2xx answers; the recorded `upstash-retries` header says how often).
 */
export async function startQStashServer(opts: { token: string; keys?: SigningKeys }): Promise<QStashServer> {
  const keys = opts.keys ?? { currentSigningKey: `sig_${randomBytes(16).toString("hex")}`, nextSigningKey: `sig_${randomBytes(16).toString("hex")}` };
  const published: PublishedMessage[] = [];
  const deliveries: Delivery[] = [];
  const seen = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();

  async function deliver(message: PublishedMessage): Promise<void> {
    const headers: Record<string, string> = {
      "Upstash-Signature": signDelivery(keys.currentSigningKey, { url: message.destination, body: message.body }),
      "Upstash-Message-Id": message.messageId,
      "Upstash-Retried": "0",
      "User-Agent": "Upstash-QStash",
    };
    if (message.headers["content-type"]) headers["Content-Type"] = message.headers["content-type"];
    // Upstash-Forward-X headers reach the destination as X.
    for (const [name, value] of Object.entries(message.headers)) {
      if (name.startsWith("upstash-forward-")) headers[name.slice("upstash-forward-".length)] = value;
    }
    try {
      const response = await fetch(message.destination, { method: message.headers["upstash-method"] ?? "POST", headers, body: message.body });
      deliveries.push({ messageId: message.messageId, url: message.destination, status: response.status, responseBody: await response.text() });
    } catch (error) {
      deliveries.push({ messageId: message.messageId, url: message.destination, status: 0, responseBody: String(error) });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, { error: "Unauthorized" });
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || path !== "/v2/batch") return send(res, 404, { error: `no route for ${req.method} ${path}` });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let batch: unknown;
    try {
      batch = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: "invalid json" });
    }
    if (!isBatch(batch)) return send(res, 400, { error: "expected an array of { destination, headers, body }" });
    if (batch.length > 100) return send(res, 400, { error: "a batch holds at most 100 messages" });

    const answers = batch.map((entry) => {
      const headers = Object.fromEntries(Object.entries(entry.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const dedupeId = headers["upstash-deduplication-id"];
      const earlier = dedupeId === undefined ? undefined : seen.get(dedupeId);
      const messageId = earlier ?? `msg_${randomBytes(12).toString("hex")}`;
      const message: PublishedMessage = { messageId, destination: entry.destination, body: entry.body ?? "", headers, deduplicated: earlier !== undefined };
      published.push(message);
      if (earlier === undefined) {
        if (dedupeId !== undefined) seen.set(dedupeId, messageId);
        // Delivery is asynchronous, after the publish is acknowledged — as with QStash.
        const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliver(message));
        inFlight.add(delivery);
        void delivery.finally(() => inFlight.delete(delivery));
      }
      return { messageId, url: entry.destination, ...(earlier !== undefined ? { deduplicated: true } : {}) };
    });
    send(res, 200, answers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: opts.token,
    keys,
    published,
    deliveries,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}
