import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, Kind, parse, validate, type GraphQLSchema } from "graphql";
import { documentHash } from "./document-hash";
import { typeDefs } from "./type-defs";

// The build-time manifest of the dashboard's own operations (lib/graphql/operations/*.graphql):
// each is known by the sha-256 of its text, so the dashboard sends only the hash and, with
// GRAPHQL_TRUSTED_DOCUMENTS_ONLY=true, nothing else runs.
export interface ManifestOperation {
  name: string;
  hash: string;
  document: string;
}

export interface Manifest {
  operations: ManifestOperation[];
}

export class ManifestError extends Error {}

export const OPERATIONS_DIR = path.join("lib", "graphql", "operations");
export const MANIFEST_FILE = path.join("lib", "graphql", "manifest.json");

/** The *.graphql files of a folder, by name. */
export function readOperationFiles(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => ({ file: name, text: readFileSync(path.join(dir, name), "utf8") }));
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** One operation per file, named, unique, valid against the schema; sorted by name for a stable diff. */
export function buildManifest(files: Array<{ file: string; text: string }>, schema: GraphQLSchema = buildSchema(typeDefs)): Manifest {
  const operations: ManifestOperation[] = [];
  const names = new Set<string>();
  for (const { file, text } of files) {
    const document = text.replace(/\r\n/g, "\n").trim();
    let ast;
    try {
      ast = parse(document);
    } catch (error) {
      throw new ManifestError(`${file}: ${(error as Error).message}`);
    }
    const definitions = ast.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (definitions.length !== 1 || !definitions[0]!.name) throw new ManifestError(`${file}: needs exactly one named operation`);
    const name = definitions[0]!.name.value;
    if (names.has(name)) throw new ManifestError(`${file}: operation ${name} is defined twice`);
    names.add(name);
    const errors = validate(schema, ast);
    if (errors.length > 0) throw new ManifestError(`${file}: ${errors.map((e) => e.message).join("; ")}`);
    operations.push({ name, hash: documentHash(document), document });
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { operations };
}
