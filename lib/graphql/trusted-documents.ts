import manifest from "./manifest.json";
import type { Manifest, ManifestOperation } from "./manifest-build";

const byHash = new Map<string, ManifestOperation>((manifest as Manifest).operations.map((op) => [op.hash, op]));

/** The dashboard operation shipped under this hash, if any. */
export function trustedDocument(hash: string): ManifestOperation | undefined {
  return byHash.get(hash);
}
