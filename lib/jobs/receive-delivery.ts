import "server-only";
import { z } from "zod";
import { isJobName } from "@/jobs/queue/queue";
import { runJob } from "@/jobs/run-job";
import { defineRoute } from "@/lib/http/define-route";
import { Invalid, NotFound } from "@/lib/http/errors";
import { readTextBody } from "@/lib/http/parse-input";
import { jsonResponse } from "@/lib/http/responses";
import { verifyQStashDelivery, type DeliveryKeys } from "./verify-delivery";

// Any segment gets through parsing so an unknown job is a 404, not a 400 about params.
const paramsSchema = z.object({ job: z.string() });

/**
 * The handler of POST /api/jobs/{job}: the signature is checked on the raw body before anything is
 * parsed, then the job runs to completion. A job that throws answers 500, so QStash retries it.
 * `keys` replaces the configured signing keys (tests); the app route passes nothing. It lives here
 * because a Next.js route file may only export handlers and segment options.
 */
export function jobDeliveryRoute(keys?: DeliveryKeys) {
  return defineRoute({ route: "/api/jobs/{job}", access: { kind: "public" }, params: paramsSchema }, async ({ request, params }) => {
    if (!isJobName(params.job)) throw new NotFound(`No job named ${JSON.stringify(params.job)}.`);
    const rawBody = await readTextBody(request);
    await verifyQStashDelivery(request, rawBody, keys);
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      throw new Invalid("The body is not valid JSON.");
    }
    await runJob(params.job, payload);
    return jsonResponse({ ok: true });
  });
}
