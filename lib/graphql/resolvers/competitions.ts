import "server-only";
import { z } from "zod";
import { getCompetition } from "@/lib/competitions/get-competition";
import { listCompetitions } from "@/lib/competitions/list-competitions";
import type { ComparisonSummary } from "@/lib/competitions/compare";
import { NotFound } from "@/lib/http/errors";
import { getReport } from "@/lib/reports/get-report";
import { idArgsSchema, optionalDateArgsSchema, pageArgsSchema, parseArgs } from "../args";
import type { GraphqlContext } from "../context";
import type { PresentedComparison, PresentedCompetition } from "../loaders";
import type { ProductParent } from "./products";
import { snakeCaseFields } from "./snake-case-fields";

type WithMarketplace<T> = T & { marketplace: string };
type ComparedMember = NonNullable<PresentedComparison["main"]> | PresentedComparison["competitors"][number];

const reportsArgsSchema = z.object({ first: z.number().int().min(1).max(100) });
const member = (asin: string, marketplace: string): ProductParent => ({ asin, marketplace });
const leader = (asin: string, value: number) => ({ asin, value });

export const competitionResolvers = {
  Query: {
    async competitions(_: unknown, args: unknown, ctx: GraphqlContext) {
      const input = parseArgs(pageArgsSchema, args);
      const page = await listCompetitions({ workspaceId: ctx.principal.workspaceId, limit: input.first, cursor: input.after });
      ctx.cache.note(page.cache);
      const body = JSON.parse(page.body) as { items: PresentedCompetition[]; next_cursor: string | null };
      return { items: body.items, nextCursor: body.next_cursor };
    },

    // Another workspace's competition is indistinguishable from an unknown one (404 in REST).
    async competition(_: unknown, args: unknown, ctx: GraphqlContext) {
      const { id } = parseArgs(idArgsSchema, args);
      const found = await getCompetition({ workspaceId: ctx.principal.workspaceId, id });
      if (!found) throw new NotFound(`No competition ${id}.`);
      ctx.cache.note(found.cache);
      return JSON.parse(found.body) as PresentedCompetition;
    },

    async report(_: unknown, args: unknown, ctx: GraphqlContext) {
      const { id } = parseArgs(idArgsSchema, args);
      const found = await getReport({ workspaceId: ctx.principal.workspaceId, id });
      if (!found) throw new NotFound(`No report ${id}.`);
      ctx.cache.note(found.cache);
      return JSON.parse(found.body) as unknown;
    },
  },

  Competition: {
    ...snakeCaseFields("weeklyReport", "createdAt", "updatedAt"),
    main: (c: PresentedCompetition) => member(c.main_asin, c.marketplace),
    competitors: (c: PresentedCompetition) => c.competitor_asins.map((asin) => member(asin, c.marketplace)),
    async comparison(c: PresentedCompetition, args: unknown, ctx: GraphqlContext): Promise<WithMarketplace<PresentedComparison>> {
      const { date } = parseArgs(optionalDateArgsSchema, args);
      return { ...(await ctx.loaders.comparison.load({ competition: c, date: date ?? null })), marketplace: c.marketplace };
    },
    reports: (c: PresentedCompetition, args: unknown, ctx: GraphqlContext) =>
      ctx.loaders.reports.load({ competitionId: c.id, first: parseArgs(reportsArgsSchema, args).first }),
  },

  Comparison: {
    main: (c: WithMarketplace<PresentedComparison>) => c.main && { ...c.main, marketplace: c.marketplace },
    competitors: (c: WithMarketplace<PresentedComparison>) => c.competitors.map((m) => ({ ...m, marketplace: c.marketplace })),
  },

  ComparedMain: {
    ...snakeCaseFields("buyboxSeller"),
    product: (m: WithMarketplace<ComparedMember>) => member(m.asin, m.marketplace),
  },

  ComparedCompetitor: {
    ...snakeCaseFields("priceGap", "bsrGap", "bsrRatio", "ratingGap", "reviewsGap", "buyboxSeller"),
    product: (m: WithMarketplace<ComparedMember>) => member(m.asin, m.marketplace),
  },

  ComparisonSummary: {
    cheapest: (s: ComparisonSummary) => s.cheapest && leader(s.cheapest.asin, s.cheapest.price),
    bestRank: (s: ComparisonSummary) => s.best_rank && leader(s.best_rank.asin, s.best_rank.bsr),
    highestRated: (s: ComparisonSummary) => s.highest_rated && leader(s.highest_rated.asin, s.highest_rated.rating),
    mostReviewed: (s: ComparisonSummary) => s.most_reviewed && leader(s.most_reviewed.asin, s.most_reviewed.reviews),
    ...snakeCaseFields("momentumDays", "fastestClimber"),
  },

  Momentum: snakeCaseFields("priceChangePct", "bsrChangePct"),

  Report: snakeCaseFields("competitionId", "inputTokens", "outputTokens", "costUsd", "createdAt", "finishedAt"),
};
