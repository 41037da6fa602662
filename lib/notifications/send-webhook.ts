import http from "node:http";
import https from "node:https";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { RESPONSE_EXCERPT_BYTES } from "./delivery-policy";
import { parseTargetUrl, resolveTarget, TargetRefused } from "./ssrf-guard";

export interface SendResult {
  /** Null when no HTTP response arrived (refused target, connection error, timeout). */
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

// Hands the socket the addresses resolveTarget checked, never a fresh lookup: a DNS answer that
// changes between the check and the connect (rebinding) cannot move the request elsewhere.
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = usable.length > 0 ? usable : addresses;
    if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

/**
 * POSTs one signed body. The target is resolved and checked again here (it was checked at
 * creation, but DNS may have changed since); redirects are not followed (a 3xx is a failure), the
 * whole exchange is bounded by `timeoutMs`, and only the first KiB of the response is read.
 */
export async function sendWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  let addresses: LookupAddress[];
  try {
    url = parseTargetUrl(input.url);
    addresses = await resolveTarget(url, input.allowPrivate);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return { statusCode: null, latencyMs: elapsed(), responseExcerpt: null, error: `refused: ${error.message}` };
  }

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: pinnedLookup(addresses),
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(input.body)),
          "user-agent": "Shelfwatch-Webhooks/1.0",
          ...input.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
          finish({ statusCode: response.statusCode ?? null, responseExcerpt: excerpt, error: null });
          response.destroy();
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) done();
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, responseExcerpt: null, error: `timeout after ${input.timeoutMs} ms` });
      request.destroy();
    }, input.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => finish({ statusCode: null, responseExcerpt: null, error: error.code ?? error.message }));
    request.end(input.body);
  });
}
