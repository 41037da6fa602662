import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { attemptsOf, insertDelivery } from "@/db/queries/deliveries";
import { getWebhook } from "@/db/queries/webhooks";
import { defaultPipeline } from "@/jobs/pipeline";
import { NotFound } from "@/lib/http/errors";
import { attemptDelivery } from "./attempt-delivery";
import { eventIdFor } from "./events";
import { presentDelivery } from "./present";

/**
 * Sends a signed `ping` to the endpoint now (also when it is disabled: a success enables it again)
 * and returns the delivery with its one attempt. Pings are not retried.
 */
export async function testWebhook(input: { workspaceId: string; id: string }) {
  const db = await getDb();
  const channel = await getWebhook(db, input.workspaceId, input.id);
  if (!channel) throw new NotFound("No such webhook in this workspace.");
  const payload = { type: "ping", timestamp: new Date().toISOString(), data: { webhook_id: channel.id, message: "Test event from Shelfwatch." } };
  const delivery = await insertDelivery(db, { channelId: channel.id, eventId: eventIdFor(`ping:${randomUUID()}`), eventType: "ping", payload });
  const { queue } = await defaultPipeline();
  const stored = await attemptDelivery({ db, queue }, { deliveryId: delivery!.id, attemptNo: 1, trigger: "manual" });
  return presentDelivery(stored!, await attemptsOf(db, [delivery!.id]));
}
