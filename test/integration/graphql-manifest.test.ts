import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, MANIFEST_FILE, ManifestError, OPERATIONS_DIR, readOperationFiles, serializeManifest } from "@/lib/graphql/manifest-build";
import { documentHash } from "@/lib/graphql/document-hash";

const root = path.resolve(import.meta.dirname, "../..");

describe("the dashboard's operation manifest", () => {
  it("is current: regenerating it from lib/graphql/operations gives the committed file", () => {
    const fresh = serializeManifest(buildManifest(readOperationFiles(path.join(root, OPERATIONS_DIR))));
    expect(readFileSync(path.join(root, MANIFEST_FILE), "utf8")).toBe(fresh);
  });

  it("keys each operation by the sha-256 of its exact text", () => {
    const { operations } = buildManifest([{ file: "a.graphql", text: "query A { runs { nextCursor } }\r\n" }]);
    expect(operations).toEqual([{ name: "A", hash: documentHash("query A { runs { nextCursor } }"), document: "query A { runs { nextCursor } }" }]);
  });

  it.each([
    ["an unnamed operation", "{ runs { nextCursor } }", /named operation/],
    ["two operations in a file", "query A { runs { nextCursor } } query B { runs { nextCursor } }", /exactly one/],
    ["a field the schema lacks", "query A { nope }", /Cannot query field "nope"/],
    ["a syntax error", "query A {", /Syntax Error/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => buildManifest([{ file: "bad.graphql", text }])).toThrow(ManifestError);
    expect(() => buildManifest([{ file: "bad.graphql", text }])).toThrow(message);
  });

  it("refuses the same operation name twice", () => {
    const file = { file: "a.graphql", text: "query A { runs { nextCursor } }" };
    expect(() => buildManifest([file, { ...file, file: "b.graphql" }])).toThrow(/defined twice/);
  });
});
