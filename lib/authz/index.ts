import "server-only";
import { audit } from "@/lib/audit";
import type { RequestContext } from "@/lib/request-context";
import { ownerMayKeys } from "./catalog";

// The one way to ask "may this person do this, to this record?". Pages, server actions, route handlers and
// the data-access functions beneath them all call it; the data layer's call is the guard that counts.

export type Actor = { id: string; permissions: ReadonlySet<string> };
export type OwnedRecord = { ownerId?: string | null };

export class ForbiddenError extends Error {
  constructor(readonly permission: string) {
    super(`missing permission ${permission}`);
    this.name = "ForbiddenError";
  }
}

export function can(actor: Actor | null | undefined, permission: string, record?: OwnedRecord): boolean {
  if (!actor) return false;
  if (actor.permissions.has(permission)) return true;
  return ownerMayKeys.has(permission) && !!record?.ownerId && record.ownerId === actor.id;
}

type AuthorizeOptions = { record?: OwnedRecord; target?: { type: string; id: string }; context?: Partial<RequestContext> };

/** Returns when allowed; otherwise audits the refusal and throws ForbiddenError (403 for the caller). */
export async function authorize(actor: Actor | null | undefined, permission: string, options: AuthorizeOptions = {}): Promise<void> {
  if (can(actor, permission, options.record)) return;
  await audit({ action: "authz.denied", actorId: actor?.id ?? null, target: options.target, context: options.context, details: { permission } });
  throw new ForbiddenError(permission);
}
