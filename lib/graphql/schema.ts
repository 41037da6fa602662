import "server-only";
import { createSchema } from "graphql-yoga";
import { HttpError } from "@/lib/http/errors";
import type { GraphqlContext } from "./context";
import { isGraphQLError } from "./errors";
import { alertResolvers } from "./resolvers/alerts";
import { competitionResolvers } from "./resolvers/competitions";
import { productResolvers } from "./resolvers/products";
import { runResolvers } from "./resolvers/runs";
import { typeDefs } from "./type-defs";

type FieldResolver = (parent: unknown, args: unknown, ctx: GraphqlContext, info: unknown) => unknown;
type ResolverMap = Record<string, Record<string, FieldResolver>>;

function merge(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  return merged;
}

/**
 * Unexpected failures are logged here, where the request's logger (with its request id) is at
 * hand; the client sees only a masked error (errors.ts). Typed errors are answers, not failures.
 */
function logUnexpected(map: ResolverMap): ResolverMap {
  return Object.fromEntries(
    Object.entries(map).map(([type, fields]) => [
      type,
      Object.fromEntries(
        Object.entries(fields).map(([field, resolve]) => [
          field,
          async (parent: unknown, args: unknown, ctx: GraphqlContext, info: unknown) => {
            try {
              return await resolve(parent, args, ctx, info);
            } catch (error) {
              if (!(error instanceof HttpError) && !isGraphQLError(error)) {
                ctx.log.error({ err: error, field: `${type}.${field}` }, "graphql resolver failed");
              }
              throw error;
            }
          },
        ]),
      ),
    ]),
  );
}

export function createGraphqlSchema() {
  const resolvers = merge(...([productResolvers, alertResolvers, competitionResolvers, runResolvers] as unknown as ResolverMap[]));
  return createSchema<GraphqlContext>({ typeDefs, resolvers: logUnexpected(resolvers) });
}
