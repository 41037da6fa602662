import "server-only";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { ApqStore } from "./apq-store";
import { documentHash } from "./document-hash";
import type { GraphqlPolicy } from "./policy";
import { trustedDocument } from "./trusted-documents";

// Apollo APQ and the dashboard's manifest (API.md, "Other endpoints"):
//  - hash alone: the manifest's document, else a registered one, else PersistedQueryNotFound
//    (HTTP 200 in the shape Apollo clients look for, so they resend with the document);
//  - hash and document: the hash is checked, then the document is registered and run;
//  - document alone: development only;
//  - GRAPHQL_TRUSTED_DOCUMENTS_ONLY: the manifest alone, nothing is registered.
const http = (status: number) => ({ status, headers: { "Cache-Control": "no-store" } });

const notFound = () =>
  createGraphQLError("PersistedQueryNotFound", { extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: http(200) } });
const mismatch = () =>
  createGraphQLError("provided sha does not match query", { extensions: { code: "PERSISTED_QUERY_HASH_MISMATCH", http: http(400) } });
const unsupportedVersion = () =>
  createGraphQLError("Unsupported persisted query version; use version 1.", { extensions: { code: "PERSISTED_QUERY_VERSION_UNSUPPORTED", http: http(400) } });
const notAllowed = () =>
  createGraphQLError("Only the dashboard's persisted operations run on this server.", {
    extensions: { code: "PERSISTED_QUERY_NOT_ALLOWED", http: http(400) },
  });
const documentRefused = () =>
  createGraphQLError("Send a persisted operation: extensions.persistedQuery.sha256Hash, with the document to register it.", {
    extensions: { code: "PERSISTED_QUERY_REQUIRED", http: http(400) },
  });
const nothingSent = () =>
  createGraphQLError("Send a query, or extensions.persistedQuery with a sha256Hash.", { extensions: { code: "BAD_REQUEST", http: http(400) } });

interface PersistedQueryExtension {
  version?: unknown;
  sha256Hash?: unknown;
}

function persistedQueryOf(extensions: Record<string, unknown> | undefined): PersistedQueryExtension | null {
  const value = extensions?.persistedQuery;
  return value !== null && typeof value === "object" ? (value as PersistedQueryExtension) : null;
}

export function persistedDocumentPlugins(policy: GraphqlPolicy, store: ApqStore): Plugin[] {
  // Requests whose document was verified against its hash in this request (registration).
  const verified = new WeakSet<Request>();

  const registration: Plugin = {
    async onParams({ params, request }) {
      const persisted = persistedQueryOf(params.extensions);
      if (!persisted) return;
      if (persisted.version !== 1) throw unsupportedVersion();
      if (typeof persisted.sha256Hash !== "string" || typeof params.query !== "string") return;
      if (documentHash(params.query) !== persisted.sha256Hash) throw mismatch();
      if (!trustedDocument(persisted.sha256Hash)) {
        if (policy.trustedDocumentsOnly) throw notAllowed();
        await store.set(persisted.sha256Hash, params.query);
      }
      verified.add(request);
    },
  };

  const lookup = usePersistedOperations({
    allowArbitraryOperations: (request) => verified.has(request) || (policy.development && !policy.trustedDocumentsOnly),
    async getPersistedOperation(hash) {
      const shipped = trustedDocument(hash);
      if (shipped) return shipped.document;
      return policy.trustedDocumentsOnly ? null : store.get(hash);
    },
    customErrors: {
      notFound,
      keyNotFound: nothingSent,
      persistedQueryOnly: () => (policy.trustedDocumentsOnly ? notAllowed() : documentRefused()),
    },
  });

  return [registration, lookup];
}
