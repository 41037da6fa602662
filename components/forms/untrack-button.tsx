"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-client";

/** Stop tracking one ASIN. The first press asks, the second does it (no modal to trap focus). */
export function UntrackButton({ asin, redirectTo }: { asin: string; redirectTo?: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const untrack = useMutation({
    mutationFn: () => apiFetch<null>(`/api/v1/products/${encodeURIComponent(asin)}`, { method: "DELETE" }),
    onSuccess: () => (redirectTo ? router.push(redirectTo) : router.refresh()),
  });
  if (untrack.error) return <span className="badge" role="alert">{untrack.error.message}</span>;
  return (
    <button
      type="button"
      className="btn small danger"
      disabled={untrack.isPending}
      onClick={() => (confirming ? untrack.mutate() : setConfirming(true))}
      onBlur={() => setConfirming(false)}
      aria-label={confirming ? `Confirm: stop tracking ${asin}` : `Stop tracking ${asin}`}
    >
      {untrack.isPending ? "Removing…" : confirming ? "Confirm" : "Untrack"}
    </button>
  );
}
