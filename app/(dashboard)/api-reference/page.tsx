import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { apiReference } from "@/lib/openapi/reference-view";

export const metadata: Metadata = { title: "API reference" };

const METHOD_CLASS: Record<string, string> = { GET: "ok", POST: "neutral", PATCH: "warn", PUT: "warn", DELETE: "" };

/** The REST API as the generated OpenAPI document describes it (the same document as /api/v1/openapi.json). */
export default function ApiReferencePage() {
  const reference = apiReference();
  return (
    <>
      <PageHeader
        title="API reference"
        summary={
          <>
            {reference.title} {reference.version} · Authorization: Bearer &lt;API key&gt; · machine-readable: <a href="/api/v1/openapi.json">openapi.json</a>
          </>
        }
      />
      <nav aria-label="Sections" className="btn-row" style={{ marginBottom: "1rem" }}>
        {reference.groups.map((g) => (
          <a key={g.tag} className="btn small" href={`#${g.tag.toLowerCase().replace(/\s+/g, "-")}`}>{g.tag}</a>
        ))}
      </nav>
      <div className="stack">
        {reference.groups.map((group) => (
          <section key={group.tag} id={group.tag.toLowerCase().replace(/\s+/g, "-")} aria-label={group.tag} className="stack">
            <h2>{group.tag}</h2>
            {group.operations.map((op) => (
              <article key={`${op.method} ${op.path}`} id={op.id} className="card">
                <h3 style={{ margin: "0 0 0.35rem", fontSize: "0.95rem" }}>
                  <span className={`badge ${METHOD_CLASS[op.method] ?? "neutral"}`}>{op.method}</span> <code>{op.path}</code>
                </h3>
                <p style={{ margin: "0 0 0.5rem" }}>
                  {op.summary}
                  {op.role ? <span className="subtle"> · role {op.role}</span> : <span className="subtle"> · no credentials</span>}
                </p>
                {op.description ? <p className="subtle" style={{ whiteSpace: "pre-line" }}>{op.description.replace(/\*\*/g, "").replace(/`/g, "")}</p> : null}
                {op.fields.length > 0 ? (
                  <div className="table-wrap">
                    <table>
                      <caption className="sr-only">Input of {op.method} {op.path}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col">In</th>
                          <th scope="col">Type</th>
                          <th scope="col">Required</th>
                          <th scope="col">Notes</th>
                        </tr>
                      </thead>
                      <tbody>
                        {op.fields.map((f) => (
                          <tr key={`${f.where}:${f.name}`}>
                            <td><code>{f.name}</code></td>
                            <td>{f.where}</td>
                            <td>{f.type}</td>
                            <td>{f.required ? "yes" : "no"}</td>
                            <td className="title">{f.description}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
                <ul style={{ margin: "0.5rem 0 0", paddingLeft: "1.1rem" }} aria-label="Responses">
                  {op.responses.map((r) => (
                    <li key={r.status}>
                      <strong>{r.status}</strong> {r.description}
                      {r.body ? <span className="subtle"> — {r.body}</span> : null}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
