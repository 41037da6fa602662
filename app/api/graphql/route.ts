// GET, POST /api/graphql — GraphQL with persisted operations (APQ and the dashboard's manifest),
// the same auth, roles, workspaces and cache as REST (docs/graphql.md)
import { graphqlHandler } from "@/lib/graphql/create-handler";

export const GET = (request: Request) => graphqlHandler()(request);
export const POST = (request: Request) => graphqlHandler()(request);
