import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import type { RequestContext } from "@/lib/request-context";
import { done, type Outcome } from "@/lib/outcome";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { seedRoles } from "@/lib/seed";
import { systemConfig } from "@/system.config";
import { hashPassword } from "./password-hash";
import { passwordProblems } from "./password-policy";
import { rateLimited, weakPassword } from "./refusals";
import type { registerSchema } from "./schemas";
import { consumeAccountToken, issueAccountToken } from "./tokens";
import type { z } from "zod";

type RegisterData = z.output<typeof registerSchema>;
const defaultRole = seedRoles.find((role) => role.name === "user")!;

function verificationLink(token: string): string {
  return new URL(`/verify-email?token=${encodeURIComponent(token)}`, systemConfig.url).toString();
}

/**
 * Creates an unverified account and emails a verification link. An address that already has an account
 * gets the same answer (so the form cannot be used to find out who is registered) and its owner an email.
 */
export async function registerUser(data: RegisterData, context: RequestContext): Promise<Outcome> {
  for (const [rule, subject] of [
    [rateLimits.registerByIp, context.ipAddress ?? "unknown"],
    [rateLimits.registerByAccount, data.email],
  ] as const) {
    const limit = await consumeRateLimit(rule, subject);
    if (!limit.allowed) {
      await audit({ action: "user.register_failed", context, details: { email: data.email, reason: "rate_limited", limit: rule.name } });
      return rateLimited(limit.retryAfterSeconds);
    }
  }

  const problems = await passwordProblems(data.password, data);
  if (problems.length > 0) {
    await audit({ action: "user.register_failed", context, details: { email: data.email, reason: "weak_password" } });
    return weakPassword(problems);
  }

  // Hash first, whether or not the address is taken, so the answer takes as long either way.
  const passwordHash = await hashPassword(data.password);
  const existing = await db.user.findUnique({ where: { email: data.email } });
  if (existing) {
    await sendEmail(existing.email, emailTemplates.alreadyRegistered(existing.firstName, new URL("/login", systemConfig.url).toString()));
    return done();
  }

  const created = await db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: data.email,
        firstName: data.firstName,
        lastName: data.lastName,
        dateOfBirth: new Date(`${data.dateOfBirth}T00:00:00Z`),
        passwordHash,
        passwordChangedAt: new Date(),
        // Every member gets the default role; created here too, so a database that was never seeded still works.
        roles: { create: { role: { connectOrCreate: { where: { name: defaultRole.name }, create: defaultRole } } } },
      },
    });
    await audit({ action: "user.register", actorId: user.id, target: { type: "user", id: user.id }, context }, tx);
    return { user, token: await issueAccountToken(user.id, "EMAIL_VERIFICATION", { client: tx }) };
  });
  await sendEmail(created.user.email, emailTemplates.verifyEmail(created.user.firstName, verificationLink(created.token)));
  return done();
}

export async function verifyEmail(token: string, context: RequestContext): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    const consumed = await consumeAccountToken(token, "EMAIL_VERIFICATION", tx);
    if (!consumed.ok) return consumed;
    const { userId } = consumed.value;
    await tx.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
    await audit({ action: "user.verify_email", actorId: userId, target: { type: "user", id: userId }, context }, tx);
    return done();
  });
}

/** Sends a fresh link to an unverified account; answers the same whatever the address. */
export async function resendVerification(email: string, context: RequestContext): Promise<Outcome> {
  for (const [rule, subject] of [
    [rateLimits.verificationResendByIp, context.ipAddress ?? "unknown"],
    [rateLimits.verificationResendByAccount, email],
  ] as const) {
    const limit = await consumeRateLimit(rule, subject);
    if (!limit.allowed) return rateLimited(limit.retryAfterSeconds);
  }
  const user = await db.user.findUnique({ where: { email } });
  if (user && !user.emailVerified && user.status === "ACTIVE") {
    const token = await issueAccountToken(user.id, "EMAIL_VERIFICATION");
    await sendEmail(user.email, emailTemplates.verifyEmail(user.firstName, verificationLink(token)));
  }
  return done();
}
