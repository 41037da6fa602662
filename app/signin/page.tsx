import type { Metadata } from "next";
import { redirect } from "next/navigation";
import "@/components/styles/dashboard.css";
import { SignInForm } from "@/components/forms/sign-in-form";
import { getSessionPrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** Only same-site paths are followed after sign-in, never another host. */
function safeCallback(raw: string | undefined): string {
  if (!raw) return "/products";
  try {
    const url = new URL(raw, "http://local");
    return url.origin === "http://local" && url.pathname.startsWith("/") && !url.pathname.startsWith("/signin") ? `${url.pathname}${url.search}` : "/products";
  } catch {
    return "/products";
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const [{ callbackUrl, error }, principal] = await Promise.all([searchParams, getSessionPrincipal()]);
  const target = safeCallback(callbackUrl);
  if (principal) redirect(target);
  return (
    <div className="signin">
      <h1>Sign in</h1>
      <p className="subtle">Use the admin email and password printed by <code>npm run demo</code>, or the account an admin gave you.</p>
      <SignInForm callbackUrl={target} initialError={error} />
    </div>
  );
}
