import "server-only";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { listAlerts } from "@/lib/alerts/list-alerts";
import type { presentAlert } from "@/lib/alerts/present";
import { alertsArgsSchema, idArgsSchema, parseArgs } from "../args";
import { requireRole, type GraphqlContext } from "../context";
import type { ProductParent } from "./products";
import { snakeCaseFields } from "./snake-case-fields";

type PresentedAlert = ReturnType<typeof presentAlert>;

export const alertResolvers = {
  Query: {
    async alerts(_: unknown, args: unknown, ctx: GraphqlContext) {
      const input = parseArgs(alertsArgsSchema, args);
      const page = await listAlerts({
        workspaceId: ctx.principal.workspaceId,
        status: input.status,
        asin: input.asin,
        since: input.since,
        limit: input.first,
        cursor: input.after,
      });
      ctx.cache.note(page.cache);
      const body = JSON.parse(page.body) as { items: PresentedAlert[]; next_cursor: string | null };
      return { items: body.items, nextCursor: body.next_cursor };
    },
  },

  Mutation: {
    async acknowledgeAlert(_: unknown, args: unknown, ctx: GraphqlContext) {
      requireRole(ctx, "analyst");
      const { id } = parseArgs(idArgsSchema, args);
      return acknowledgeAlert({ principal: ctx.principal, id });
    },
  },

  Alert: {
    ...snakeCaseFields("oldValue", "newValue", "ruleId", "runId", "createdAt", "acknowledgedAt"),
    product: (alert: PresentedAlert): ProductParent => ({ asin: alert.asin, marketplace: alert.marketplace }),
  },
};
