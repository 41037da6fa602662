import "server-only";
import { openApiDocument } from "./build-document";

// The generated OpenAPI document flattened for the dashboard's API reference page: operations
// grouped by tag, with parameters, body fields and responses as short readable rows.

type Schema = { $ref?: string; type?: string | string[]; format?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; description?: string; default?: unknown; anyOf?: Schema[]; oneOf?: Schema[] };

export interface FieldRow {
  name: string;
  where: string;
  type: string;
  required: boolean;
  description: string;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  role: string | null;
  fields: FieldRow[];
  responses: Array<{ status: string; description: string; body: string | null }>;
}

function refName(ref: string): string {
  return ref.split("/").at(-1)!;
}

/** A compact type label: "string (date)", "integer", "Alert[]", "open | acknowledged", "string | null". */
function typeLabel(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return schema.enum.map(String).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ["any"];
  return types
    .map((t) => (t === "array" ? `${typeLabel(schema.items)}[]` : t === "string" && schema.format ? `string (${schema.format})` : t))
    .join(" | ");
}

function bodyFields(schema: Schema | undefined, components: Record<string, Schema>): FieldRow[] {
  const resolved = schema?.$ref ? components[refName(schema.$ref)] : schema;
  return Object.entries(resolved?.properties ?? {}).map(([name, field]) => ({
    name,
    where: "body",
    type: typeLabel(field),
    required: resolved?.required?.includes(name) ?? false,
    description: [field.description, field.default !== undefined ? `Default ${JSON.stringify(field.default)}.` : ""].filter(Boolean).join(" "),
  }));
}

/** Operations of the document grouped by tag, in the document's tag order. */
export function apiReference(): { title: string; version: string; groups: Array<{ tag: string; operations: OperationView[] }> } {
  const { document } = openApiDocument();
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const groups = new Map<string, OperationView[]>((document.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, raw] of Object.entries(item as Record<string, unknown>)) {
      const op = raw as {
        operationId?: string; summary?: string; description?: string; tags?: string[]; "x-required-role"?: string;
        parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
      };
      const params: FieldRow[] = (op.parameters ?? []).map((p) => ({
        name: p.name,
        where: p.in,
        type: typeLabel(p.schema),
        required: p.required ?? false,
        description: [p.description, p.schema?.default !== undefined ? `Default ${JSON.stringify(p.schema.default)}.` : ""].filter(Boolean).join(" "),
      }));
      const view: OperationView = {
        id: op.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        description: op.description ?? "",
        role: op["x-required-role"] ?? null,
        fields: [...params, ...bodyFields(op.requestBody?.content?.["application/json"]?.schema, components)],
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
          const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
          return { status, description: r.description ?? "", body: type ? `${type}${media?.schema ? `: ${typeLabel(media.schema)}` : ""}` : null };
        }),
      };
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), view]);
    }
  }
  return {
    title: document.info.title,
    version: document.info.version,
    groups: [...groups].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, operations })),
  };
}
