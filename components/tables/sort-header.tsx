import Link from "next/link";

/**
 * A sortable column header: a link that sorts by this column (descending on a second press), with
 * aria-sort so a screen reader says which column orders the table.
 */
export function SortHeader({ label, column, current, href, numeric }: { label: string; column: string; current: string; href: (sort: string) => string; numeric?: boolean }) {
  const active = current.replace(/^-/, "") === column;
  const descending = current.startsWith("-");
  const next = active && !descending ? `-${column}` : column;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
      <Link href={href(next)} scroll={false}>
        {label}
        {active ? <span aria-hidden="true">{descending ? " ↓" : " ↑"}</span> : null}
      </Link>
    </th>
  );
}
