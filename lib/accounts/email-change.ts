import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { systemConfig } from "@/system.config";
import { requireRecentReauthentication } from "./reauthentication";
import { rateLimited } from "./refusals";
import { consumeAccountToken, issueAccountToken, linkRefusal } from "./tokens";

// Changing the address: a link to the new one confirms, a link to the old one cancels. Anything that
// secures the account again (password reset or change, signing out everywhere, being disabled) voids a
// pending change, so a change asked for by whoever held the session cannot complete afterwards.

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
): Promise<Outcome> {
  const refusal = await requireRecentReauthentication(sessionId);
  if (refusal) return refusal;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  // Each request mails two inboxes: the sign-in budget keeps that from becoming a flood.
  const limit = await consumeRateLimit(rateLimits.loginByAccount, user.email);
  if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  if (input.newEmail === user.email) {
    return refuse(422, "Enter a different address.", {
      code: "email_unchanged",
      fieldErrors: { newEmail: ["That is already your email address."] },
    });
  }
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
  return done();
}

const emailTaken = () => refuse(409, "Another account uses that address now, so it cannot become yours.", { code: "email_taken" });

/** Moves the account to the confirmed address and tells the old one; the value is the new address. */
export async function confirmEmailChange(token: string, context: RequestContext): Promise<Outcome<string>> {
  try {
    const changed = await db.$transaction(async (tx) => {
      const spent = await consumeAccountToken(token, "EMAIL_CHANGE", tx);
      if (!spent.ok) return spent;
      const consumed = spent.value;
      if (!consumed.newEmail) return linkRefusal("EMAIL_CHANGE", "token_invalid");
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
      return done({ before, email: consumed.newEmail });
    });
    if (!changed.ok) return changed;
    const { before, email } = changed.value;
    await sendEmail(before.email, emailTemplates.emailChanged(before.firstName, email));
    return done(email);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return emailTaken();
    throw error;
  }
}

/** The old address says no: the pending change and its links die. */
export async function cancelEmailChange(token: string, context: RequestContext): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    const spent = await consumeAccountToken(token, "EMAIL_CHANGE_CANCEL", tx);
    if (!spent.ok) return spent;
    const consumed = spent.value;
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
    return done();
  });
}
