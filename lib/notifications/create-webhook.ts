import "server-only";
import { getDb } from "@/db/client";
import { insertWebhook } from "@/db/queries/webhooks";
import { Invalid } from "@/lib/http/errors";
import type { WebhookEvent } from "./events";
import { presentWebhook } from "./present";
import type { CreatedWebhook } from "./responses";
import { notificationSettings } from "./settings";
import { newWebhookSecret } from "./sign-webhook";
import { parseTargetUrl, resolveTarget, TargetRefused } from "./ssrf-guard";

/**
 * Registers an endpoint after resolving its host: a private, loopback or link-local target is a 400
 * unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true, a cloud metadata address always is. Returns the
 * endpoint with its signing secret — the only time the secret is shown.
 */
export async function createWebhook(input: { workspaceId: string; url: string; events: WebhookEvent[] }): Promise<CreatedWebhook> {
  try {
    await resolveTarget(parseTargetUrl(input.url), notificationSettings().allowPrivateTargets);
  } catch (error) {
    if (error instanceof TargetRefused) throw new Invalid(error.message, [{ path: "body.url", message: error.message }]);
    throw error;
  }
  const secret = newWebhookSecret();
  const row = await insertWebhook(await getDb(), { workspaceId: input.workspaceId, url: input.url, events: input.events, secret });
  return { ...presentWebhook(row), secret };
}
