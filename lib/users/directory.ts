import "server-only";
import { db } from "@/lib/db";

// What other modules may know about people: whether someone can be referred to (assigned a task, say) and
// their display names. Never addresses or anything else from the account.

const active = { status: "ACTIVE", deletedAt: null } as const;

export async function activeUserExists(id: string): Promise<boolean> {
  return (await db.user.count({ where: { id, ...active } })) > 0;
}

export type UserOption = { id: string; name: string };

/** Active people by name, for pickers; at most `limit`, filtered by a name prefix when given. */
export async function userOptions(search = "", limit = 50): Promise<UserOption[]> {
  const term = search.trim().slice(0, 50);
  const users = await db.user.findMany({
    where: {
      ...active,
      ...(term
        ? { OR: [{ firstName: { startsWith: term, mode: "insensitive" } }, { lastName: { startsWith: term, mode: "insensitive" } }] }
        : {}),
    },
    orderBy: [{ firstName: "asc" }, { lastName: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, firstName: true, lastName: true },
  });
  return users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`.trim() }));
}

/** Display names for these ids (inactive people included: an old task still shows who it was for). */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, firstName: true, lastName: true } });
  return new Map(users.map((u) => [u.id, `${u.firstName} ${u.lastName}`.trim()]));
}
