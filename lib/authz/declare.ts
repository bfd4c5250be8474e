// Permissions are declared in code next to what they protect (lib/<module>/permissions.ts) and synced into
// the database by the seed step (lib/authz/sync.ts), where the admin console grants them to roles.

export type PermissionInfo = {
  key: string;
  description: string;
  /** The record's owner may do this without holding the permission (their own profile, say). */
  ownerMay: boolean;
};

type ActionSpec = string | { description: string; ownerMay: true };

/** `declarePermissions("users", { read: "…" })` gives `{ read: "users:read", $all: [...] }`. */
export function declarePermissions<const R extends string, const A extends string>(resource: R, actions: Record<A, ActionSpec>) {
  const keys = {} as { [K in A]: `${R}:${K}` };
  const all: PermissionInfo[] = [];
  for (const [action, spec] of Object.entries(actions) as [A, ActionSpec][]) {
    const key = `${resource}:${action}` as `${R}:${A}`;
    keys[action] = key;
    all.push(typeof spec === "string" ? { key, description: spec, ownerMay: false } : { key, description: spec.description, ownerMay: true });
  }
  return { ...keys, $all: all as readonly PermissionInfo[] };
}
