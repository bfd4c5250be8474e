import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthResult } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { auditInvalidLoginInput, authenticate, invalidCredentials } from "@/lib/accounts/login";
import { loginSchema } from "@/lib/accounts/schemas";
import { audit } from "@/lib/audit";
import { env } from "@/lib/env";
import { safeNextPath } from "@/lib/http/safe-next-path";
import { log } from "@/lib/log";
import type { Refusal } from "@/lib/outcome";
import { contextFromHeaders } from "@/lib/request-context";
import { systemConfig } from "@/system.config";
import { completeChallenge } from "@/lib/two-factor/challenge";
import { sessionCookieName, usesSecureCookies } from "./cookie-name";
import { handleProviderCallback, type ProviderSignedInUser } from "./provider-callback";
import { authProviders } from "./providers";
import { createSession, deleteSessionBySecret, findActiveSession } from "./sessions";

// Auth.js runs the sign-in flow and the cookie; the session itself lives in our Session table. Auth.js's
// credentials provider only issues JWTs, so its (encrypted) token carries nothing but the session secret,
// and every request that reads the session checks the row: a logged-out or revoked cookie is worth nothing.

/** A refused sign-in, carried through Auth.js to the server action (signIn rethrows it as is) with its refusal. */
export class LoginError extends CredentialsSignin {
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
    this.code = refusal.code;
  }
}

declare module "next-auth" {
  interface Session {
    sessionId: string;
    /** Password accepted, two-factor code still owed: such a session carries no user at all. */
    twoFactorPending: boolean;
    user?: { id: string } & DefaultUser;
  }
}
type DefaultUser = { name?: string | null; email?: string | null; image?: string | null };

const secureCookies = usesSecureCookies(env.APP_URL);

const nextAuth = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secureCookies,
  session: { strategy: "jwt", maxAge: systemConfig.accounts.rememberMeDays * 24 * 60 * 60 },
  cookies: {
    sessionToken: {
      name: sessionCookieName(secureCookies),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
    },
  },
  pages: { signIn: "/login", error: "/login" },
  // Refused sign-ins are expected traffic, already audited: keep them out of the error log.
  logger: {
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) log.error({ err: error }, "auth.js error");
    },
    warn: (code) => log.warn({ code }, "auth.js warning"),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, rememberMe: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse({ ...raw, rememberMe: raw.rememberMe === true || raw.rememberMe === "true" });
        const context = contextFromHeaders(request.headers);
        if (!parsed.success) {
          await auditInvalidLoginInput(context);
          throw new LoginError(invalidCredentials());
        }
        const result = await authenticate(parsed.data.email, parsed.data.password, context);
        if (!result.ok) throw new LoginError(result);
        const { userId, twoFactor } = result.value;
        const secret = await createSession(userId, { rememberMe: parsed.data.rememberMe, context, twoFactorPending: twoFactor });
        // With two-factor on, the sign-in is logged when the code is accepted (lib/two-factor/challenge.ts).
        if (!twoFactor) {
          await audit({
            action: "user.login",
            actorId: userId,
            target: { type: "user", id: userId },
            context,
            details: { method: "password", rememberMe: parsed.data.rememberMe },
          });
        }
        return { id: userId, sessionSecret: secret };
      },
    }),
    // The second step: the challenge's server action passes the one-time grant a right code earned. Over
    // HTTP this endpoint is reachable too, but a grant is 256 random bits that only the server ever held.
    Credentials({
      id: "two-factor",
      credentials: { grant: {} },
      async authorize(raw, request) {
        const completed = await completeChallenge(String(raw.grant ?? ""), contextFromHeaders(request.headers));
        if (!completed.ok) throw new LoginError(completed);
        return { id: completed.value.userId, sessionSecret: completed.value.sessionSecret };
      },
    }),
    // GitHub, Google and an OIDC issuer, each only when the environment configures it (lib/auth/provider-list.ts).
    ...authProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      return handleProviderCallback(user, account, profile);
    },
    // Auth.js takes its origin from the request Next built, which can name the bind address ("localhost") rather
    // than the public one the cookies belong to: every redirect is resolved against APP_URL, and stays on it.
    redirect({ url, baseUrl }) {
      const target = URL.canParse(url, baseUrl) ? new URL(url, baseUrl) : null;
      const ours = target !== null && [baseUrl, new URL(systemConfig.url).origin].includes(target.origin);
      const path = ours ? `${target.pathname}${target.search}${target.hash}` : "/";
      return new URL(safeNextPath(path, "/"), systemConfig.url).toString();
    },
    async jwt({ token, user }) {
      if (user) {
        // Every provider's sign-in ends with our session row's secret on the user (authorize, or the callback above).
        const { sessionSecret } = user as ProviderSignedInUser;
        return sessionSecret ? { sub: user.id, sid: sessionSecret } : null;
      }
      const active = await findActiveSession(token.sid);
      // null clears the cookie: the server-side session is gone, so is the browser's.
      return active ? { ...token, sessionId: active.id, sub: active.userId, twoFactorPending: active.twoFactorPending } : null;
    },
    session({ session, token }) {
      const sessionId = String(token.sessionId ?? "");
      if (token.twoFactorPending) return { expires: session.expires, sessionId, twoFactorPending: true };
      return { ...session, sessionId, twoFactorPending: false, user: { ...session.user, id: token.sub ?? "" } };
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const ended = await deleteSessionBySecret(token?.sid);
      if (ended) await audit({ action: "user.logout", actorId: ended.userId, target: { type: "user", id: ended.userId } });
    },
  },
});

export const handlers: NextAuthResult["handlers"] = nextAuth.handlers;
export const signIn: NextAuthResult["signIn"] = nextAuth.signIn;
export const signOut: NextAuthResult["signOut"] = nextAuth.signOut;
