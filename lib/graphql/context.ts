import "server-only";
import type { Logger } from "pino";
import { roleAllows, type Principal } from "@/lib/auth/roles";
import type { Role } from "@/db/schema";
import { Forbidden } from "@/lib/http/errors";
import type { CacheOutcome } from "@/lib/http/responses";
import { createLoaders, type Loaders } from "./loaders";

/** What every resolver sees: the caller, its request's log and id, and this request's loaders. */
export interface GraphqlContext {
  principal: Principal;
  requestId: string;
  log: Logger;
  loaders: Loaders;
  cache: CacheOutcomes;
}

// The answer's X-Cache: HIT only if every cached read was fresh, MISS if any was computed.
const RANK: Record<CacheOutcome, number> = { HIT: 0, STALE: 1, MISS: 2 };

export class CacheOutcomes {
  private worst: CacheOutcome | null = null;

  note(outcome: CacheOutcome): void {
    if (this.worst === null || RANK[outcome] > RANK[this.worst]) this.worst = outcome;
  }

  /** MISS when nothing was read through the cache (the answer was computed afresh). */
  summary(): CacheOutcome {
    return this.worst ?? "MISS";
  }
}

export function createGraphqlContext(input: { principal: Principal; requestId: string; log: Logger }): GraphqlContext {
  const cache = new CacheOutcomes();
  return { ...input, cache, loaders: createLoaders(input.principal, cache) };
}

/** Resolvers that change something check the role first, as REST routes do (403 → FORBIDDEN). */
export function requireRole(ctx: GraphqlContext, role: Role): void {
  if (!roleAllows(ctx.principal.role, role)) {
    throw new Forbidden(`This action needs the ${role} role; the caller has ${ctx.principal.role}.`);
  }
}
