// A signed-in session for the admin console benchmark, made in the database rather than through the sign-in
// form: the demo manager's permissions oblige two-factor sign-in, which a load generator cannot complete.
// `DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/bench-admin-session.ts` marks the manager's
// two-factor as on (benchmark databases only: the manager can no longer sign in with a password alone) and
// writes the new session's secret to .data/bench-admin-session; bench-admin.mjs wraps it in the cookie.
import "./load-env";
import { mkdirSync, writeFileSync } from "node:fs";
import { createSession } from "@/lib/auth/sessions";
import { closeDb, db } from "@/lib/db";

const manager = await db.user.update({
  where: { email: "manager@example.com" },
  data: { twoFactorEnabledAt: new Date() },
  select: { id: true },
});
const secret = await createSession(manager.id, {
  rememberMe: true,
  context: { ipAddress: "127.0.0.1", userAgent: "bench-admin", requestId: null },
});
mkdirSync(".data", { recursive: true });
writeFileSync(".data/bench-admin-session", JSON.stringify({ userId: manager.id, secret }));
await closeDb();
