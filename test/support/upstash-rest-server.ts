// Test-only stand-in for Upstash: speaks its REST protocol in front of a real Redis, so the Upstash
// adapter runs against real command semantics without network access or an account.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

export interface UpstashRestServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

type Command = unknown[];
type Reply = { result: unknown } | { error: string };

// Mirrors the SDK's decode() (@upstash/redis 1.39, pkg/http.ts): every string, at any depth of
// nested arrays, is base64 of its UTF-8 bytes; numbers and null pass through untouched. The SDK
// would also accept a bare "OK", but encoding it too keeps a stored value "OK" unambiguous.
function encode(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isCommand(value: unknown): value is Command {
  return Array.isArray(value) && value.length > 0;
}

function isCommandList(value: unknown): value is Command[] {
  return Array.isArray(value) && value.length > 0 && value.every(isCommand);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startUpstashRestServer(opts: { redisUrl: string; token: string }): Promise<UpstashRestServer> {
  const redis = new Redis(opts.redisUrl);

  // The SDK serialises numbers and booleans as JSON scalars; Redis wants every argument as a string.
  const split = ([name, ...args]: Command): [string, string[]] => [String(name), args.map(String)];

  const settle = (reply: Promise<unknown>): Promise<Reply> =>
    reply.then(
      (result) => ({ result: result ?? null }),
      (error: unknown) => ({ error: message(error) }),
    );

  // Upstash accepts the script flag `allow-key-locking` that @upstash/ratelimit's scripts declare;
  // Redis 7.0 refuses it. Drop the shebang line, and let EVALSHA of the original script's hash
  // (which the SDK sends first) find the script Redis actually stored.
  const scriptAliases = new Map<string, string>();
  const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
  const asRedisRuns = (command: Command): Command => {
    const [name, first, ...rest] = command;
    const upper = String(name).toUpperCase();
    if (upper === "EVAL" && typeof first === "string" && first.startsWith("#!lua flags=allow-key-locking")) {
      const stripped = first.slice(first.indexOf("\n") + 1);
      scriptAliases.set(sha1(first), sha1(stripped));
      return [name, stripped, ...rest];
    }
    if (upper === "EVALSHA" && scriptAliases.has(String(first))) return [name, scriptAliases.get(String(first)), ...rest];
    return command;
  };

  const single = (command: Command) => settle(redis.call(...split(asRedisRuns(command))));

  // ioredis writes concurrent calls on one connection in order, which is what a pipeline is.
  const pipeline = (commands: Command[]) => Promise.all(commands.map(single));

  async function transaction(commands: Command[]): Promise<Reply[]> {
    const multi = redis.multi();
    for (const command of commands) multi.call(...split(command));
    const results = await multi.exec();
    if (!results) throw new Error("EXECABORT Transaction discarded because of a WATCH.");
    return results.map(([error, result]) => (error ? { error: error.message } : { result: result ?? null }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") return send(res, 405, { error: "Method not allowed" });
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, { error: "Unauthorized" });
    const base64 = req.headers["upstash-encoding"] === "base64";
    const output = (reply: Reply): Reply => ("result" in reply && base64 ? { result: encode(reply.result) } : reply);

    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: "ERR failed to parse request body" });
    }

    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/" && isCommand(body)) {
      const reply = await single(body);
      return send(res, "error" in reply ? 400 : 200, output(reply));
    }
    if ((path === "/pipeline" || path === "/multi-exec") && isCommandList(body)) {
      try {
        const replies = path === "/pipeline" ? await pipeline(body) : await transaction(body);
        return send(res, 200, replies.map(output));
      } catch (error) {
        return send(res, 400, { error: message(error) });
      }
    }
    send(res, 400, { error: `ERR unsupported request to ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: message(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: opts.token,
    async close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // The SDK's fetch keeps connections alive; without this, close() would wait for them to idle out.
      server.closeAllConnections();
      await closed;
      await redis.quit();
    },
  };
}
