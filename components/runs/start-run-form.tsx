"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api/api-client";

/** Admins start (or find) the run of a day and land on its live progress. */
export function StartRunForm({ today }: { today: string }) {
  const router = useRouter();
  const [date, setDate] = useState(today);
  const start = useMutation({
    mutationFn: () => apiFetch<{ id: string }>("/api/v1/runs", { method: "POST", body: date ? { date } : {} }),
    onSuccess: (run) => router.push(`/runs/${run.id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <form className="inline" onSubmit={submit}>
      <div className="field">
        <label htmlFor="run-date">Run date</label>
        <input id="run-date" type="date" value={date} max={today} onChange={(e) => setDate(e.target.value)} />
      </div>
      <button type="submit" className="btn primary" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Start run"}
      </button>
      {start.error ? <p className="notice error" role="alert">{start.error.message}</p> : null}
    </form>
  );
}
