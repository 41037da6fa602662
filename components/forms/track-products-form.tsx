"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, ApiError } from "@/components/api/api-client";
import { parseCsvAsins, parsePastedAsins } from "./parse-asin-list";

const MAX_ASINS = 5000;

interface TrackResult {
  added: number | string[];
  already_tracked: number | string[];
  invalid: Array<{ asin: string; reason: string }>;
}

const countOf = (v: number | string[]) => (Array.isArray(v) ? v.length : v);

/** Bulk tracking: paste a list or upload a CSV; the server answers per ASIN and the table refreshes. */
export function TrackProductsForm() {
  const router = useRouter();
  const ids = { text: useId(), file: useId() };
  const [text, setText] = useState("");
  const [fileAsins, setFileAsins] = useState<{ name: string; asins: string[] } | null>(null);
  const track = useMutation({
    mutationFn: (asins: string[]) => apiFetch<TrackResult>("/api/v1/products", { method: "POST", body: { asins, marketplace: "US" } }),
    onSuccess: () => {
      setText("");
      setFileAsins(null);
      router.refresh();
    },
  });
  const asins = [...new Set([...parsePastedAsins(text), ...(fileAsins?.asins ?? [])])];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (asins.length > 0 && asins.length <= MAX_ASINS) track.mutate(asins);
  }

  async function readFile(file: File | undefined) {
    setFileAsins(file ? { name: file.name, asins: parseCsvAsins(await file.text()) } : null);
  }

  return (
    <form onSubmit={submit} className="card stack" aria-labelledby={`${ids.text}-title`}>
      <h2 id={`${ids.text}-title`}>Track products</h2>
      <div className="field">
        <label htmlFor={ids.text}>ASINs</label>
        <textarea
          id={ids.text}
          name="asins"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"B07XJ8C8F5\nB08N5WRWNW, B09G9FPHY6"}
          aria-describedby={`${ids.text}-hint`}
        />
        <span id={`${ids.text}-hint`} className="hint">
          One or more per line, separated by spaces, commas or semicolons. Up to {MAX_ASINS.toLocaleString("en-US")} at once.
        </span>
      </div>
      <div className="field">
        <label htmlFor={ids.file}>…or upload a CSV</label>
        <input id={ids.file} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
        {fileAsins ? <span className="hint">{`${fileAsins.asins.length} ASINs in ${fileAsins.name} (the "asin" column, else the first).`}</span> : null}
      </div>
      <div className="btn-row">
        <button type="submit" className="btn primary" disabled={track.isPending || asins.length === 0 || asins.length > MAX_ASINS}>
          {track.isPending ? "Adding…" : `Track ${asins.length || ""} ${asins.length === 1 ? "ASIN" : "ASINs"}`}
        </button>
        {asins.length > MAX_ASINS ? <span className="notice error">Too many: at most {MAX_ASINS} per request.</span> : null}
      </div>
      <div aria-live="polite">
        {track.error ? <p className="notice error">{track.error instanceof ApiError ? track.error.message : "Could not add the products."}</p> : null}
        {track.data ? <TrackSummary result={track.data} /> : null}
      </div>
    </form>
  );
}

function TrackSummary({ result }: { result: TrackResult }) {
  return (
    <div className={result.invalid.length ? "notice warn" : "notice ok"} data-testid="track-result">
      <p style={{ margin: 0 }}>
        {countOf(result.added)} added, {countOf(result.already_tracked)} already tracked, {result.invalid.length} invalid.
      </p>
      {result.invalid.length > 0 ? (
        <ul style={{ margin: "0.4rem 0 0", paddingLeft: "1.2rem" }}>
          {result.invalid.slice(0, 50).map((item) => (
            <li key={item.asin}>
              <code>{item.asin || "(blank)"}</code>: {item.reason}
            </li>
          ))}
          {result.invalid.length > 50 ? <li>…and {result.invalid.length - 50} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
