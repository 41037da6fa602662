"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { signOut } from "next-auth/react";

const LINKS = [
  { href: "/products", label: "Products" },
  { href: "/alerts", label: "Alerts" },
  { href: "/competitions", label: "Competitions" },
  { href: "/runs", label: "Runs" },
  { href: "/settings", label: "Settings" },
  { href: "/api-reference", label: "API reference" },
] as const;

export function DashboardNav({ email, role }: { email: string; role: string }) {
  const pathname = usePathname();
  const router = useRouter();
  // redirect: false, then a client navigation: next-auth's own redirect URL is built from
  // NEXTAUTH_URL, which may name another host than the one the browser is on.
  const signOutHere = async () => {
    await signOut({ redirect: false });
    router.replace("/signin");
    router.refresh();
  };
  return (
    <nav className="dash-nav" aria-label="Dashboard">
      <a className="skip-link" href="#content">Skip to content</a>
      <ul>
        {LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      <div className="who">
        <span>
          {email} <span className="badge neutral">{role}</span>
        </span>
        <button type="button" className="btn small" onClick={() => void signOutHere()}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
