import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/request-context";
import type { profileSchema } from "./schemas";

export async function getProfile(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, firstName: true, lastName: true, dateOfBirth: true, createdAt: true, emailVerified: true },
  });
}

/**
 * A user edits their own profile; the id comes from their session, never from the form. Every signed-in
 * person may, with no permission: this path and its full schema (minimum age included) are the only way to
 * edit one's own profile, and the admin console refuses to (lib/users/manage.ts).
 */
export async function updateOwnProfile(actor: Actor, data: z.output<typeof profileSchema>, context: RequestContext): Promise<void> {
  const userId = actor.id;
  const before = await getProfile(userId);
  const dateOfBirth = new Date(`${data.dateOfBirth}T00:00:00Z`);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { firstName: data.firstName, lastName: data.lastName, dateOfBirth } });
    await audit(
      {
        action: "user.profile_update",
        actorId: userId,
        target: { type: "user", id: userId },
        context,
        details: {
          before: {
            firstName: before.firstName,
            lastName: before.lastName,
            dateOfBirth: before.dateOfBirth?.toISOString().slice(0, 10) ?? null,
          },
          after: { firstName: data.firstName, lastName: data.lastName, dateOfBirth: data.dateOfBirth },
        },
      },
      tx,
    );
  });
}
