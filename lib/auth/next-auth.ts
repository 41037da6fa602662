import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { findSignInRecord } from "@/db/queries/memberships";
import type { Role } from "@/db/schema";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/observability/logger";
import { throttleSignIn } from "@/lib/rate-limit/throttle-sign-in";
import { authSecret } from "./auth-secret";
import { hashPassword, verifyPassword } from "./password";

declare module "next-auth" {
  interface User {
    workspaceId: string;
    role: Role;
  }
  interface Session {
    user: { userId: string; email: string; workspaceId: string; role: Role };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    workspaceId?: string;
    role?: Role;
  }
}

/** Error codes the sign-in page receives as `?error=` (next-auth passes a thrown message through). */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "TooManyAttempts" } as const;

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

// Verifying against a throwaway hash when the email is unknown keeps the response time the same,
// so timing does not tell which emails have accounts.
let decoyHash: Promise<string> | undefined;

async function authorizeCredentials(email: string, password: string, headers: Record<string, unknown> | undefined) {
  const throttle = await throttleSignIn({ ip: clientIp(headers), email });
  if (!throttle.allowed) throw new Error(SIGN_IN_ERRORS.throttled);
  const record = await findSignInRecord(await getDb(), email);
  const ok = await verifyPassword(password, record?.passwordHash ?? (await (decoyHash ??= hashPassword("decoy-password"))));
  if (!ok || !record?.passwordHash || !record.workspaceId || !record.role) return null;
  return { id: record.userId, email: record.email, workspaceId: record.workspaceId, role: record.role };
}

/**
 * next-auth v4: email + password against app.users (scrypt hashes, lib/auth/password.ts), JWT
 * sessions carrying userId, workspaceId, role and email. The secret is read when next-auth first
 * uses the options (a getter), so importing this module at build time needs no secret.
 */
export const authOptions: AuthOptions = {
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim();
        const password = credentials?.password;
        if (!email || !password || email.length > 320 || password.length > 1024) return null;
        return authorizeCredentials(email, password, req.headers);
      },
    }),
  ],
  // next-auth's own messages go through pino (with its redaction), code and message only: its
  // metadata can hold the request and the submitted credentials.
  logger: {
    error: (code, metadata) => logger().error({ code, detail: (metadata instanceof Error ? metadata : metadata.error)?.message }, "next-auth error"),
    warn: (code) => logger().warn({ code }, "next-auth warning"),
    debug: () => {},
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.email = user.email;
        token.workspaceId = user.workspaceId;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.userId && token.workspaceId && token.role && token.email) {
        session.user = { userId: token.userId, email: token.email, workspaceId: token.workspaceId, role: token.role };
      }
      return session;
    },
  },
};
