import type { Config } from "@/lib/config/env";

/** What the endpoint accepts, from the environment (tests build handlers with other policies). */
export interface GraphqlPolicy {
  /** NODE_ENV=development: plain documents run, introspection and GraphiQL are on. */
  development: boolean;
  /** GRAPHQL_TRUSTED_DOCUMENTS_ONLY=true: only the build-time manifest runs. */
  trustedDocumentsOnly: boolean;
}

export function graphqlPolicy(cfg: Config): GraphqlPolicy {
  return { development: cfg.env.NODE_ENV === "development", trustedDocumentsOnly: cfg.graphql.trustedDocumentsOnly };
}
