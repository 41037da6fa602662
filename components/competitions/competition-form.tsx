"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api/api-client";
import { parsePastedAsins } from "@/components/forms/parse-asin-list";

export interface CompetitionValues {
  id?: string;
  name: string;
  main_asin: string;
  competitor_asins: string[];
  weekly_report: boolean;
}

/** Create a competition (then open it) or edit one (then refresh); editing also offers deletion. */
export function CompetitionForm({ initial }: { initial?: CompetitionValues }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [main, setMain] = useState(initial?.main_asin ?? "");
  const [competitors, setCompetitors] = useState(initial?.competitor_asins.join("\n") ?? "");
  const [weekly, setWeekly] = useState(initial?.weekly_report ?? false);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, main_asin: main.trim(), competitor_asins: parsePastedAsins(competitors), weekly_report: weekly };
      return initial?.id
        ? apiFetch<{ id: string }>(`/api/v1/competitions/${initial.id}`, { method: "PATCH", body })
        : apiFetch<{ id: string }>("/api/v1/competitions", { method: "POST", body });
    },
    onSuccess: (saved) => (initial?.id ? router.refresh() : router.push(`/competitions/${saved.id}`)),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/v1/competitions/${initial!.id}`, { method: "DELETE" }),
    onSuccess: () => {
      router.push("/competitions");
      router.refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const error = save.error ?? remove.error;
  return (
    <form className="stack" onSubmit={submit} aria-label={initial ? "Edit competition" : "New competition"}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-main`}>Your product (main ASIN)</label>
        <input id={`${id}-main`} type="text" required maxLength={10} value={main} onChange={(e) => setMain(e.target.value)} style={{ width: "10rem" }} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-competitors`}>Competitor ASINs (1–10)</label>
        <textarea id={`${id}-competitors`} required value={competitors} onChange={(e) => setCompetitors(e.target.value)} aria-describedby={`${id}-hint`} style={{ minHeight: "5rem" }} />
        <span id={`${id}-hint`} className="hint">One per line, or separated by spaces or commas.</span>
      </div>
      <label style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
        <input type="checkbox" checked={weekly} onChange={(e) => setWeekly(e.target.checked)} /> Write a report every week
      </label>
      <div className="btn-row">
        <button type="submit" className="btn primary" disabled={save.isPending}>{save.isPending ? "Saving…" : initial ? "Save changes" : "Create competition"}</button>
        {initial?.id ? (
          <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate()}>Delete competition</button>
        ) : null}
      </div>
      <div aria-live="polite">
        {error ? <p className="notice error" role="alert">{error.message}</p> : null}
        {save.isSuccess && initial ? <p className="notice ok">Saved.</p> : null}
      </div>
    </form>
  );
}
