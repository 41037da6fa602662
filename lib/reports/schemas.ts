import { z } from "zod";
import { limitSchema } from "@/lib/products/schemas";

export const reportIdParamsSchema = z.object({ id: z.uuid("a report id is a UUID") });

export const listReportsQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

/** True when the client asks for the report as it is written (Server-Sent Events). */
export function wantsEventStream(request: Request): boolean {
  return /\btext\/event-stream\b/i.test(request.headers.get("accept") ?? "");
}
