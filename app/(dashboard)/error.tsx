"use client";

import { useEffect } from "react";

/** A failed server read: say so plainly and offer a retry; details stay in the server log. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="notice error">
      <p style={{ margin: "0 0 0.5rem", fontWeight: 600 }}>This page could not be loaded.</p>
      <p style={{ margin: "0 0 0.75rem" }}>
        The server had a problem reading the data{error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.
      </p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
