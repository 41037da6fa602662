import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { competitionMembers, competitions, reports } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export type Competition = typeof competitions.$inferSelect;

/** A competition with its competitor ASINs in position order (the main ASIN is on the row). */
export interface CompetitionWithMembers {
  competition: Competition;
  competitorAsins: string[];
}

export interface CompetitionValues {
  name: string;
  mainAsin: string;
  marketplace: string;
  weeklyReport: boolean;
  competitorAsins: string[];
}

async function membersOf(db: Database, ids: string[]): Promise<Map<string, string[]>> {
  const byCompetition = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byCompetition;
  const rows = await db
    .select({ competitionId: competitionMembers.competitionId, asin: competitionMembers.asin })
    .from(competitionMembers)
    .where(inArray(competitionMembers.competitionId, ids))
    .orderBy(competitionMembers.competitionId, asc(competitionMembers.position));
  for (const row of rows) byCompetition.get(row.competitionId)!.push(row.asin);
  return byCompetition;
}

function withMembers(rows: Competition[], members: Map<string, string[]>): CompetitionWithMembers[] {
  return rows.map((competition) => ({ competition, competitorAsins: members.get(competition.id) ?? [] }));
}

export function insertCompetition(db: Database, workspaceId: string, values: CompetitionValues): Promise<CompetitionWithMembers> {
  return timedQuery("app.competitions.insert", () =>
    db.transaction(async (tx) => {
      const { competitorAsins, ...fields } = values;
      const [competition] = await tx.insert(competitions).values({ ...fields, workspaceId }).returning();
      await tx.insert(competitionMembers).values(competitorAsins.map((asin, position) => ({ competitionId: competition!.id, asin, position })));
      return { competition: competition!, competitorAsins };
    }),
  );
}

export function getCompetition(db: Database, workspaceId: string, id: string): Promise<CompetitionWithMembers | null> {
  return timedQuery("app.competitions.get", async () => {
    const [row] = await db.select().from(competitions).where(and(eq(competitions.id, id), eq(competitions.workspaceId, workspaceId)));
    if (!row) return null;
    return withMembers([row], await membersOf(db, [row.id]))[0]!;
  });
}

// Creation time in microseconds: an exact keyset key (a JS Date keeps only milliseconds).
const createdMicros = sql<string>`(extract(epoch from ${competitions.createdAt}) * 1000000)::bigint::text`;

/** A workspace's competitions, oldest first, keyset-paged on (creation time, id). */
export function listCompetitions(
  db: Database,
  input: { workspaceId: string; limit: number; after?: { createdMicros: string; id: string } },
): Promise<Array<CompetitionWithMembers & { createdMicros: string }>> {
  return timedQuery("app.competitions.list", async () => {
    const rows = await db
      .select({ competition: competitions, createdMicros })
      .from(competitions)
      .where(
        and(
          eq(competitions.workspaceId, input.workspaceId),
          input.after ? sql`(${createdMicros}::bigint, ${competitions.id}) > (${input.after.createdMicros}::bigint, ${input.after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(sql`${createdMicros}::bigint`, asc(competitions.id))
      .limit(input.limit + 1);
    const members = await membersOf(db, rows.map((r) => r.competition.id));
    return rows.map((r) => ({ competition: r.competition, competitorAsins: members.get(r.competition.id) ?? [], createdMicros: r.createdMicros }));
  });
}

/** Applies a change to one of the workspace's competitions; a new member list replaces the old one. Null when absent. */
export function updateCompetition(db: Database, workspaceId: string, id: string, patch: Partial<CompetitionValues>): Promise<CompetitionWithMembers | null> {
  return timedQuery("app.competitions.update", () =>
    db.transaction(async (tx) => {
      const { competitorAsins, ...fields } = patch;
      const [row] = await tx
        .update(competitions)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(and(eq(competitions.id, id), eq(competitions.workspaceId, workspaceId)))
        .returning();
      if (!row) return null;
      if (competitorAsins) {
        await tx.delete(competitionMembers).where(eq(competitionMembers.competitionId, id));
        await tx.insert(competitionMembers).values(competitorAsins.map((asin, position) => ({ competitionId: id, asin, position })));
      }
      return withMembers([row], await membersOf(tx as unknown as Database, [id]))[0]!;
    }),
  );
}

/** Deletes one of the workspace's competitions (members, comparison rows and reports go with it). */
export function deleteCompetition(db: Database, workspaceId: string, id: string): Promise<boolean> {
  return timedQuery("app.competitions.delete", async () => {
    const rows = await db
      .delete(competitions)
      .where(and(eq(competitions.id, id), eq(competitions.workspaceId, workspaceId)))
      .returning({ id: competitions.id });
    return rows.length > 0;
  });
}

/** One page (by id) of every workspace's competitions in a marketplace: what the daily comparison step walks. */
export function listCompetitionsPage(db: Database, input: { marketplace: string; afterId?: string; limit: number }): Promise<CompetitionWithMembers[]> {
  return timedQuery("app.competitions.page", async () => {
    const rows = await db
      .select()
      .from(competitions)
      .where(and(eq(competitions.marketplace, input.marketplace), input.afterId ? gt(competitions.id, input.afterId) : undefined))
      .orderBy(asc(competitions.id))
      .limit(input.limit);
    return withMembers(rows, await membersOf(db, rows.map((r) => r.id)));
  });
}

/** Competitions of a marketplace with the weekly report on and no report yet under this dedupe key. */
export function listWeeklyReportsDue(db: Database, input: { marketplace: string; dedupeKey: string }): Promise<Array<{ id: string; workspaceId: string }>> {
  return timedQuery("app.competitions.weekly_due", () =>
    db
      .select({ id: competitions.id, workspaceId: competitions.workspaceId })
      .from(competitions)
      .where(
        and(
          eq(competitions.marketplace, input.marketplace),
          eq(competitions.weeklyReport, true),
          sql`not exists (select 1 from ${reports} r where r.competition_id = ${competitions.id} and r.dedupe_key = ${input.dedupeKey})`,
        ),
      ),
  );
}
