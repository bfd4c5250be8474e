import "server-only";
import { audit } from "@/lib/audit";
import type { Permission } from "@/lib/kernel/registry";
import type { RequestContext } from "@/lib/request-context";

// The one way to ask "may this person do this?". Pages, server actions, route handlers and the data-access
// functions beneath them all call it; the data layer's call is the guard that counts.

export type Actor = { id: string; permissions: ReadonlySet<string> };

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super(`missing permission ${permission}`);
    this.name = "ForbiddenError";
  }
}

export type { Permission };

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/**
 * The rule for acting on another person: the actor holds every permission the target holds. So a manager
 * cannot disable, sign out or edit an administrator, and nobody can lock out someone who can do more.
 */
export function permissionsLackedOver(actor: Actor | null | undefined, targetPermissions: Iterable<string>): string[] {
  return [...new Set(targetPermissions)].filter((permission) => !actor?.permissions.has(permission)).sort();
}

type AuthorizeOptions = {
  target?: { type: string; id: string };
  context?: Partial<RequestContext>;
  /** What the person acted on may do: the actor must hold all of it too (permissionsLackedOver). */
  targetPermissions?: Iterable<string>;
};

/** Returns when allowed; otherwise audits the refusal and throws ForbiddenError (403 for the caller). */
export async function authorize(actor: Actor | null | undefined, permission: Permission, options: AuthorizeOptions = {}): Promise<void> {
  const lacked = options.targetPermissions ? permissionsLackedOver(actor, options.targetPermissions) : [];
  if (can(actor, permission) && lacked.length === 0) return;
  // The refusal says nothing more to the caller; the log says why, for whoever investigates.
  const details = lacked.length ? { permission, targetHoldsMore: lacked } : { permission };
  await audit({ action: "authz.denied", actorId: actor?.id ?? null, target: options.target, context: options.context, details });
  throw new ForbiddenError(permission);
}
