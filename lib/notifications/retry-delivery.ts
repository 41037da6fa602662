import "server-only";
import { getDb } from "@/db/client";
import { attemptsOf, getDeliveryWithChannel } from "@/db/queries/deliveries";
import { defaultPipeline } from "@/jobs/pipeline";
import { Conflict, NotFound } from "@/lib/http/errors";
import { attemptDelivery } from "./attempt-delivery";
import { presentDelivery } from "./present";

/**
 * Manual redelivery: one more attempt now, with the same webhook-id (receivers can tell it is the
 * same event) and a fresh signature. Allowed on a delivery in any state and on a disabled endpoint;
 * a success enables the endpoint again. If it fails and automatic attempts remain, the schedule
 * goes on from there.
 */
export async function retryDelivery(input: { workspaceId: string; webhookId: string; deliveryId: string }) {
  const db = await getDb();
  const found = await getDeliveryWithChannel(db, input.deliveryId);
  if (!found || found.channel.id !== input.webhookId || found.channel.workspaceId !== input.workspaceId) {
    throw new NotFound("No such delivery for this webhook.");
  }
  const { queue } = await defaultPipeline();
  const stored = await attemptDelivery({ db, queue }, { deliveryId: input.deliveryId, trigger: "manual" });
  if (!stored) throw new Conflict("Another attempt of this delivery started at the same moment; list the deliveries to see it.");
  return presentDelivery(stored, await attemptsOf(db, [stored.id]));
}
