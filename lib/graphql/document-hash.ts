import { createHash } from "node:crypto";

/** The Apollo persisted-query id of a document: sha-256 of its exact text, lower-case hex. */
export function documentHash(document: string): string {
  return createHash("sha256").update(document, "utf8").digest("hex");
}
