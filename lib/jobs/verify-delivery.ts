import { Receiver } from "@upstash/qstash";
import { config, type Config } from "@/lib/config/env";
import { Unauthorized } from "@/lib/http/errors";
import { jobDeliveryUrl } from "./delivery-url";

export type DeliveryKeys = Pick<Extract<Config["queue"], { kind: "qstash" }>, "currentSigningKey" | "nextSigningKey" | "appUrl">;

// QStash signs with its clock; a few seconds of skew must not bounce a fresh delivery (nbf/exp).
const CLOCK_TOLERANCE_SECS = 5;

function configuredKeys(): DeliveryKeys | null {
  const queue = config().queue;
  return queue.kind === "qstash" ? queue : null;
}

/**
 * Checks a job delivery's Upstash-Signature (HS256 JWT over the exact delivery URL and the raw
 * body's SHA-256), against the current and then the next signing key. Anything else is 401 — and
 * without QStash configured nothing can be verified, so every delivery is refused, never waved
 * through. `keys` is for tests; production passes nothing.
 */
export async function verifyQStashDelivery(request: Request, rawBody: string, keys: DeliveryKeys | null = configuredKeys()): Promise<void> {
  if (!keys) throw new Unauthorized("Job deliveries need QStash signing keys; none are configured.");
  const signature = request.headers.get("upstash-signature");
  if (!signature) throw new Unauthorized("Missing Upstash-Signature.");
  // Rebuilt from APP_URL and the job name rather than request.url, which behind a proxy names the
  // internal host; the signature's subject is the URL the message was published to.
  const job = new URL(request.url).pathname.split("/").at(-1) ?? "";
  // devMode: false — with QSTASH_DEV=true the SDK would swap in the public dev keys.
  const receiver = new Receiver({ currentSigningKey: keys.currentSigningKey, nextSigningKey: keys.nextSigningKey, devMode: false });
  try {
    await receiver.verify({ signature, body: rawBody, url: jobDeliveryUrl(keys.appUrl, job), clockTolerance: CLOCK_TOLERANCE_SECS });
  } catch {
    throw new Unauthorized("Invalid Upstash-Signature.");
  }
}
