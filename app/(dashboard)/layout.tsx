import type { ReactNode } from "react";
import "@/components/styles/dashboard.css";
import { DashboardNav } from "@/components/layout/dashboard-nav";
import { QueryProvider } from "@/components/layout/query-provider";
import { requirePrincipal } from "@/lib/dashboard/current-principal";

// Every dashboard page is per user (session cookie): never prerendered.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return (
    <QueryProvider>
      <DashboardNav email={principal.email} role={principal.role} />
      <div id="content">{children}</div>
    </QueryProvider>
  );
}
