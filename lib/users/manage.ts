import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { voidPendingEmailChanges } from "@/lib/accounts/email-change";
import { clearLoginLimits } from "@/lib/accounts/login";
import { issueAccountToken } from "@/lib/accounts/tokens";
import { resetLink } from "@/lib/accounts/passwords";
import { audit, type AuditAction } from "@/lib/audit";
import { authorize, permissionsLackedOver, type Actor, type Permission } from "@/lib/authz";
import { ADMIN_ROLE } from "@/lib/authz/admin-role";
import { db } from "@/lib/db";
import { emailTemplates, sendEmail } from "@/lib/email";
import { done, refuse, type Outcome } from "@/lib/outcome";
import { z } from "@/lib/zod";
import type { RequestContext } from "@/lib/request-context";
import { resetTwoFactor } from "@/lib/two-factor/manage";
import { userPermissions } from "./permissions";
import { adminProfileSchema, type AdminProfileInput } from "./schemas";

// What an administrator does to a user. Every function authorises first (before even looking the user
// up, so a refusal reveals nothing), then checks that the actor holds everything the user holds
// (authorizeOnUser), refuses what would lock the system out (the last administrator), and audits who did
// what with the before and after.

type Tx = Prisma.TransactionClient;
const target = (id: string) => ({ type: "user", id });
const notFound = () => refuse(404, "That user does not exist.", { code: "user_not_found" });

async function findUser(client: Tx, userId: string) {
  return client.user.findUnique({ where: { id: userId }, include: { roles: { include: { role: true } } } });
}
type LoadedUser = NonNullable<Awaited<ReturnType<typeof findUser>>>;

const isActiveAdmin = (user: LoadedUser) =>
  user.status === "ACTIVE" && !user.deletedAt && user.roles.some((r) => r.role.name === ADMIN_ROLE);

/** True when `user` is the only active administrator: taking away their role, access or account is refused. */
async function isLastAdmin(client: Tx, user: LoadedUser): Promise<boolean> {
  if (!isActiveAdmin(user)) return false;
  const others = await client.user.count({
    where: { id: { not: user.id }, status: "ACTIVE", deletedAt: null, roles: { some: { role: { name: ADMIN_ROLE } } } },
  });
  return others === 0;
}
const lastAdminRefusal = () =>
  refuse(409, "This is the last active administrator: make someone else an administrator first.", { code: "last_admin" });

/** What the user's roles grant. */
async function permissionsOf(userId: string): Promise<string[]> {
  const rows = await db.permission.findMany({
    where: { roles: { some: { role: { users: { some: { userId } } } } } },
    select: { key: true },
  });
  return rows.map((row) => row.key);
}

/**
 * `permission`, then the rule for acting on a person (lib/authz permissionsLackedOver): a manager cannot
 * touch an administrator. Both refusals look the same to the caller and are audited as authz.denied.
 */
async function authorizeOnUser(actor: Actor, permission: Permission, userId: string, context: RequestContext): Promise<void> {
  await authorize(actor, permission, { target: target(userId), context });
  await authorize(actor, permission, { target: target(userId), context, targetPermissions: await permissionsOf(userId) });
}

async function record(
  client: Tx,
  actor: Actor,
  action: AuditAction,
  userId: string,
  context: RequestContext,
  details?: Prisma.InputJsonValue,
) {
  await audit({ action, actorId: actor.id, target: target(userId), context, details }, client);
}

const profileFields = adminProfileSchema.omit({ userId: true });

export async function updateUserProfile(
  actor: Actor,
  input: Omit<AdminProfileInput, "userId">,
  userId: string,
  context: RequestContext,
): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.update, userId, context);
  // One's own profile has stricter rules (a date of birth, the minimum age): only the account page edits it.
  if (userId === actor.id) return refuse(409, "Edit your own profile on your account page.", { code: "own_account" });
  const parsed = profileFields.safeParse(input);
  if (!parsed.success)
    return refuse(422, "The profile is not valid.", {
      code: "invalid_input",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    });
  input = parsed.data;
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) return notFound();
    const after = { firstName: input.firstName, lastName: input.lastName, dateOfBirth: input.dateOfBirth || null };
    const before = {
      firstName: user.firstName,
      lastName: user.lastName,
      dateOfBirth: user.dateOfBirth?.toISOString().slice(0, 10) ?? null,
    };
    await tx.user.update({
      where: { id: userId },
      data: { ...after, dateOfBirth: after.dateOfBirth ? new Date(`${after.dateOfBirth}T00:00:00Z`) : null },
    });
    await record(tx, actor, "admin.user_update", userId, context, { before, after });
    return done();
  });
}

/** Replaces the user's roles. Only roles whose every permission the actor holds can be given or taken. */
export async function setUserRoles(actor: Actor, userId: string, roleIds: string[], context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.assign_roles, userId, context);
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) return notFound();
    const wanted = await tx.role.findMany({ where: { id: { in: roleIds } }, include: { permissions: { include: { permission: true } } } });
    if (wanted.length !== new Set(roleIds).size)
      return refuse(422, "One of those roles does not exist.", { code: "unknown_role", fieldErrors: { roleIds: ["Unknown role."] } });
    const current = user.roles.map((r) => r.roleId);
    const added = roleIds.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !roleIds.includes(id));
    const changed = await tx.role.findMany({
      where: { id: { in: [...added, ...removed] } },
      include: { permissions: { include: { permission: true } } },
    });
    const beyond = changed.filter(
      (role) =>
        permissionsLackedOver(
          actor,
          role.permissions.map((p) => p.permission.key),
        ).length > 0,
    );
    if (beyond.length)
      return refuse(409, `You cannot give or take away ${beyond.map((r) => r.name).join(", ")}: it can do things you cannot.`, {
        code: "beyond_own_permissions",
      });
    const losesAdmin = user.roles.some((r) => r.role.name === ADMIN_ROLE && removed.includes(r.roleId));
    if (losesAdmin && (await isLastAdmin(tx, user))) return lastAdminRefusal();

    await tx.userRole.deleteMany({ where: { userId, roleId: { in: removed } } });
    await tx.userRole.createMany({ data: added.map((roleId) => ({ userId, roleId })) });
    const names = (ids: string[]) =>
      [...changed, ...wanted]
        .filter((r) => ids.includes(r.id))
        .map((r) => r.name)
        .filter((n, i, all) => all.indexOf(n) === i)
        .sort();
    await record(tx, actor, "admin.user_roles", userId, context, {
      before: user.roles.map((r) => r.role.name).sort(),
      after: names(roleIds),
    });
    return done();
  });
}

export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.disable, userId, context);
  if (disabled && userId === actor.id) return refuse(409, "You cannot disable your own account.", { code: "own_account" });
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user || user.deletedAt) return notFound();
    if (disabled && (await isLastAdmin(tx, user))) return lastAdminRefusal();
    await tx.user.update({ where: { id: userId }, data: { status: disabled ? "DISABLED" : "ACTIVE" } });
    // A disabled user is signed out everywhere at once.
    const ended = disabled ? (await tx.session.deleteMany({ where: { userId } })).count : 0;
    if (disabled) await voidPendingEmailChanges(userId, tx);
    await record(tx, actor, disabled ? "admin.user_disable" : "admin.user_enable", userId, context, {
      before: user.status,
      after: disabled ? "DISABLED" : "ACTIVE",
      sessionsEnded: ended,
    });
    return done();
  });
}

export async function unlockUser(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.disable, userId, context);
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return notFound();
  await db.user.update({ where: { id: userId }, data: { lockedUntil: null, failedLoginCount: 0, twoFactorFailedCount: 0 } });
  await clearLoginLimits(user.email);
  await record(db, actor, "admin.user_unlock", userId, context, { lockedUntil: user.lockedUntil?.toISOString() ?? null });
  return done();
}

export async function markEmailVerified(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.update, userId, context);
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return notFound();
  if (user.emailVerified) return refuse(409, "That email address is already confirmed.", { code: "email_already_verified" });
  await db.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
  await record(db, actor, "admin.user_verify", userId, context);
  return done();
}

export async function sendPasswordResetLink(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.security, userId, context);
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.deletedAt) return notFound();
  if (user.status !== "ACTIVE") {
    return refuse(409, "Enable the account first: a disabled user cannot reset a password.", { code: "account_disabled" });
  }
  const token = await issueAccountToken(user.id, "PASSWORD_RESET");
  await sendEmail(user.email, emailTemplates.passwordReset(user.firstName, resetLink(token)));
  await record(db, actor, "admin.user_reset_link", userId, context);
  return done();
}

export async function revokeUserSessions(actor: Actor, userId: string, context: RequestContext): Promise<Outcome<number>> {
  await authorizeOnUser(actor, userPermissions.security, userId, context);
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) return notFound();
  const { count } = await db.session.deleteMany({ where: { userId } });
  await voidPendingEmailChanges(userId);
  await record(db, actor, "admin.user_sessions_revoke", userId, context, { sessionsEnded: count });
  return done(count);
}

export async function resetUserTwoFactor(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.security, userId, context);
  const user = await db.user.findUnique({ where: { id: userId }, select: { twoFactorEnabledAt: true, twoFactorPendingSecret: true } });
  if (!user) return notFound();
  if (!user.twoFactorEnabledAt && !user.twoFactorPendingSecret) {
    return refuse(409, "Two-factor sign-in is not set up for this user.", { code: "two_factor_off" });
  }
  await resetTwoFactor(userId, actor.id, context);
  return done();
}

/** Soft delete: the account closes (signed out, cannot sign in, hidden from lists); the row and its audit trail stay. */
export async function deleteUser(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.delete, userId, context);
  if (userId === actor.id) return refuse(409, "You cannot delete your own account here.", { code: "own_account" });
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user || user.deletedAt) return notFound();
    if (await isLastAdmin(tx, user)) return lastAdminRefusal();
    await tx.user.update({ where: { id: userId }, data: { deletedAt: new Date(), status: "DISABLED" } });
    await tx.session.deleteMany({ where: { userId } });
    await record(tx, actor, "admin.user_delete", userId, context, { email: user.email });
    return done();
  });
}

/** Hard delete, for the permission that says so: the row goes; audit entries stay (their actor set to null). */
export async function purgeUser(actor: Actor, userId: string, context: RequestContext): Promise<Outcome> {
  await authorizeOnUser(actor, userPermissions.purge, userId, context);
  if (userId === actor.id) return refuse(409, "You cannot delete your own account here.", { code: "own_account" });
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) return notFound();
    if (await isLastAdmin(tx, user)) return lastAdminRefusal();
    await tx.user.delete({ where: { id: userId } });
    await record(tx, actor, "admin.user_purge", userId, context, { email: user.email, name: `${user.firstName} ${user.lastName}` });
    return done();
  });
}
