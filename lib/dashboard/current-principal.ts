import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getSessionPrincipal, type SessionPrincipal } from "@/lib/auth/session";

/**
 * The signed-in user of this render, or a redirect to /signin. Memoised per request: the layout and
 * the page render in parallel and each must check on its own (a layout does not guard its pages).
 */
export const requirePrincipal = cache(async (): Promise<SessionPrincipal> => {
  const principal = await getSessionPrincipal();
  if (!principal) redirect("/signin");
  return principal;
});
