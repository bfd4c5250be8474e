import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import type { RequestContext } from "@/lib/request-context";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { systemConfig } from "@/system.config";
import { requireRecentReauthentication } from "./reauthentication";
import { consumeAccountToken, issueAccountToken } from "./tokens";

// Changing the address: a link to the new one confirms, a link to the old one cancels. Anything that
// secures the account again (password reset or change, signing out everywhere, being disabled) voids a
// pending change, so a change asked for by whoever held the session cannot complete afterwards.

export type EmailChangeResult =
  { ok: true } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; retryAfterSeconds?: number };

const pendingChangePurposes = ["EMAIL_CHANGE", "EMAIL_CHANGE_CANCEL"] as const;

/** Voids every unused confirm and cancel link of the user's email change; returns how many there were. */
export async function voidPendingEmailChanges(userId: string, client: Prisma.TransactionClient = db): Promise<number> {
  const { count } = await client.accountToken.deleteMany({ where: { userId, purpose: { in: [...pendingChangePurposes] }, usedAt: null } });
  return count;
}

const link = (path: string, token: string) => new URL(`${path}?token=${encodeURIComponent(token)}`, systemConfig.url).toString();

/** Sends a confirmation link to the new address and a cancel link to the old one; nothing changes until the first is used. */
export async function requestEmailChange(
  userId: string,
  sessionId: string,
  input: { newEmail: string },
  context: RequestContext,
): Promise<EmailChangeResult> {
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  // Each request mails two inboxes: the sign-in budget keeps that from becoming a flood.
  const limit = await consumeRateLimit(rateLimits.loginByAccount, user.email);
  if (!limit.allowed) return { ok: false, retryAfterSeconds: limit.retryAfterSeconds };
  if (input.newEmail === user.email) return { ok: false, fieldErrors: { newEmail: ["That is already your email address."] } };
  // Whether the new address is taken is not said here; confirming a taken address fails later instead.
  const tokens = await db.$transaction(async (tx) => {
    const confirm = await issueAccountToken(userId, "EMAIL_CHANGE", { newEmail: input.newEmail, client: tx });
    const cancel = await issueAccountToken(userId, "EMAIL_CHANGE_CANCEL", { client: tx });
    await audit(
      {
        action: "user.email_change_request",
        actorId: userId,
        target: { type: "user", id: userId },
        context,
        details: { newEmail: input.newEmail },
      },
      tx,
    );
    return { confirm, cancel };
  });
  await sendEmail(input.newEmail, emailTemplates.confirmNewEmail(user.firstName, link("/confirm-email", tokens.confirm)));
  await sendEmail(
    user.email,
    emailTemplates.emailChangeRequested(user.firstName, input.newEmail, link("/cancel-email-change", tokens.cancel)),
  );
  return { ok: true };
}

export type ConfirmEmailResult = { ok: true; email: string } | { ok: false; reason: "invalid" | "expired" | "used" | "taken" };

/** Moves the account to the confirmed address and tells the old one. */
export async function confirmEmailChange(token: string, context: RequestContext): Promise<ConfirmEmailResult> {
  try {
    const changed = await db.$transaction(async (tx) => {
      const consumed = await consumeAccountToken(token, "EMAIL_CHANGE", tx);
      if (!consumed.ok || !consumed.newEmail) return consumed.ok ? ({ ok: false, reason: "invalid" } as const) : consumed;
      const before = await tx.user.findUniqueOrThrow({ where: { id: consumed.userId } });
      await tx.user.update({ where: { id: consumed.userId }, data: { email: consumed.newEmail, emailVerified: new Date() } });
      // The change is done: its cancel link has nothing left to cancel.
      await tx.accountToken.deleteMany({ where: { userId: consumed.userId, purpose: "EMAIL_CHANGE_CANCEL", usedAt: null } });
      await audit(
        {
          action: "user.email_change",
          actorId: consumed.userId,
          target: { type: "user", id: consumed.userId },
          context,
          details: { before: before.email, after: consumed.newEmail },
        },
        tx,
      );
      return { ok: true, before, email: consumed.newEmail } as const;
    });
    if (!changed.ok) return changed;
    await sendEmail(changed.before.email, emailTemplates.emailChanged(changed.before.firstName, changed.email));
    return { ok: true, email: changed.email };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "taken" };
    throw error;
  }
}

export type CancelEmailChangeResult = { ok: true } | { ok: false; reason: "invalid" | "expired" | "used" };

/** The old address says no: the pending change and its links die. */
export async function cancelEmailChange(token: string, context: RequestContext): Promise<CancelEmailChangeResult> {
  return db.$transaction(async (tx) => {
    const consumed = await consumeAccountToken(token, "EMAIL_CHANGE_CANCEL", tx);
    if (!consumed.ok) return consumed;
    const voided = await voidPendingEmailChanges(consumed.userId, tx);
    await audit(
      {
        action: "user.email_change_cancel",
        actorId: consumed.userId,
        target: { type: "user", id: consumed.userId },
        context,
        details: { voided },
      },
      tx,
    );
    return { ok: true } as const;
  });
}
