import "server-only";
import { getServerSession } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { authSecret } from "./auth-secret";
import { authOptions } from "./next-auth";
import { resolveMembershipRole } from "./resolve-membership";
import type { Principal } from "./roles";

export type SessionPrincipal = Principal & { email: string; userId: string };

// next-auth names the cookie __Secure-… when the site is served over https; accept either (both
// are encrypted with our secret, so neither can be forged).
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The signed-in user in a server component or route handler (reads next/headers), or null. */
export async function getSessionPrincipal(): Promise<SessionPrincipal | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user?.userId || !user.workspaceId) return null;
  return principalOf({ userId: user.userId, workspaceId: user.workspaceId, email: user.email });
}

/** The signed-in user behind a request's session cookie, or null (no cookie, bad or expired token). */
export async function sessionPrincipalFromRequest(request: Request): Promise<SessionPrincipal | null> {
  const token = sessionCookie(request.headers.get("cookie"));
  if (!token) return null;
  let payload: JWT | null;
  try {
    payload = await decode({ token, secret: authSecret() });
  } catch {
    return null;
  }
  if (!payload?.userId || !payload.workspaceId || !payload.email) return null;
  return principalOf({ userId: payload.userId, workspaceId: payload.workspaceId, email: payload.email });
}

// The role comes from the membership, not the cookie, so a demotion applies within seconds.
async function principalOf(claims: { userId: string; workspaceId: string; email: string }): Promise<SessionPrincipal | null> {
  const role = await resolveMembershipRole(claims.userId, claims.workspaceId);
  return role ? { ...claims, role } : null;
}

/** The session token, joining next-auth's chunks (`name.0`, `name.1`, …) when it was split. */
function sessionCookie(header: string | null): string | null {
  if (!header) return null;
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return safeDecode(whole);
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length > 0) return safeDecode(chunks.join(""));
  }
  return null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
