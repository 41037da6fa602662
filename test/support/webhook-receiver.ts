// A real HTTP endpoint for webhook tests: it verifies every request with the standardwebhooks
// library (the way an integrator would) and answers as the test tells it to.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The payload as Webhook.verify returned it; null when verification failed. */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  verifyError: string | null;
}

export interface Reply {
  status: number;
  body?: string;
  /** Hold the answer this long (timeouts). */
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The secret to verify with (set after creating the endpoint). */
  secret: string | null;
  /** What the n-th request (0-based) is answered with; default 200 "ok". */
  reply: (n: number) => Reply;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], secret: null, reply: () => ({ status: 200, body: "ok" }), close: async () => {} };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const record: ReceivedWebhook = { headers: req.headers, body, verified: null, verifyError: null };
    try {
      record.verified = new Webhook(receiver.secret ?? "whsec_bm90LXNldA==").verify(body, req.headers as Record<string, string>) as ReceivedWebhook["verified"];
    } catch (error) {
      record.verifyError = error instanceof Error ? error.message : String(error);
    }
    const reply = receiver.reply(receiver.received.length);
    receiver.received.push(record);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status, { "content-type": "text/plain" });
    res.end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/shelfwatch`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
