// Permissions are declared in code next to what they protect (lib/<module>/permissions.ts) and synced into
// the database by the seed step (lib/authz/sync.ts), where the admin console grants them to roles.

export type PermissionInfo = { key: string; description: string };

/** `declarePermissions("users", { read: "…" })` gives `{ read: "users:read", $all: [...] }`. */
export function declarePermissions<const R extends string, const A extends string>(resource: R, actions: Record<A, string>) {
  const keys = {} as { [K in A]: `${R}:${K}` };
  const all: PermissionInfo[] = [];
  for (const [action, description] of Object.entries(actions) as [A, string][]) {
    const key = `${resource}:${action}` as `${R}:${A}`;
    keys[action] = key;
    all.push({ key, description });
  }
  return { ...keys, $all: all as readonly PermissionInfo[] };
}
