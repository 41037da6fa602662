import { Invalid } from "@/lib/http/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset position of a list ordered by (creation time in µs, id): competitions and reports. */
export interface CreatedCursor {
  createdMicros: string;
  id: string;
}

// Opaque to clients: base64url of [createdMicros, id].
export function encodeCreatedCursor(c: CreatedCursor): string {
  return Buffer.from(JSON.stringify([c.createdMicros, c.id])).toString("base64url");
}

export function decodeCreatedCursor(raw: string): CreatedCursor {
  try {
    const [createdMicros, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof createdMicros === "string" && /^\d{1,18}$/.test(createdMicros) && typeof id === "string" && UUID.test(id)) return { createdMicros, id };
  } catch {
    // fall through to the error below
  }
  throw new Invalid("The cursor is malformed.", [{ path: "query.cursor", message: "invalid cursor" }]);
}
