import Link from "next/link";

export default function ProductNotFound() {
  return (
    <div className="empty" role="status">
      <p style={{ fontWeight: 600, color: "var(--fg)" }}>No data for this product yet.</p>
      <p>It is either not a valid ASIN or has not been fetched by a daily run. <Link href="/products">Back to products</Link></p>
    </div>
  );
}
