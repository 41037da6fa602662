/** Shown while a dashboard page's server reads are in flight. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="subtle">
      Loading…
    </div>
  );
}
