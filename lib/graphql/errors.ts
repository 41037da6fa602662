import { createGraphQLError } from "graphql-yoga";
import type { GraphQLError } from "graphql";
import { HttpError } from "@/lib/http/errors";

// The typed errors of the domain (lib/http/errors.ts) become GraphQL errors with a code; anything
// else becomes "Unexpected error." — never a message, stack or SQL from inside.
const CODES: Record<string, string> = {
  "invalid-request": "BAD_USER_INPUT",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "FORBIDDEN",
  "not-found": "NOT_FOUND",
};

function codeOf(error: HttpError): string {
  return CODES[error.code] ?? error.code.toUpperCase().replace(/-/g, "_");
}

/**
 * By name, as Yoga checks it: a bundler or test runner may load graphql twice (its CommonJS and
 * ESM builds), and an error from one copy is not an instance of the other's class.
 */
export function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === "GraphQLError";
}

/** Yoga's maskError: keeps GraphQL's own errors (syntax, validation, ours), maps typed errors, hides the rest. */
export function maskError(error: unknown): Error {
  const graphqlError = isGraphQLError(error) ? error : null;
  const original: unknown = graphqlError ? graphqlError.originalError : error;
  if (graphqlError && (original === undefined || original === null || isGraphQLError(original))) return graphqlError;
  const location = graphqlError ? { nodes: graphqlError.nodes, source: graphqlError.source, positions: graphqlError.positions, path: graphqlError.path } : {};
  if (original instanceof HttpError) {
    return createGraphQLError(original.detail, {
      ...location,
      extensions: { code: codeOf(original), ...(original.extra.errors ? { errors: original.extra.errors } : {}) },
    });
  }
  return createGraphQLError("Unexpected error.", { ...location, extensions: { code: "INTERNAL_SERVER_ERROR" } });
}
