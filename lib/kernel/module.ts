import type { PrismaClient } from "@/generated/prisma/client";
import type { PermissionInfo } from "@/lib/authz/declare";
import type { DeclaredEmail } from "@/lib/email/templates/render";
import type { Operation } from "./operation";
import type { Resource } from "./resource";

// A module is one folder declared once: what it may be allowed to do (permissions), what it writes to the audit
// log, where it appears in the menus, what the seeded roles get, and how the audit log links to its records. The
// kernel reads these declarations through the registry (modules/index.ts) and never imports a module itself.

/** A group of permissions from `declarePermissions` (lib/authz/declare.ts): typed keys plus their descriptions. */
export type PermissionGroup = { readonly $all: readonly PermissionInfo[] };

export type NavEntry = {
  href: string;
  label: string;
  /** Shown only to holders of this permission. */
  permission: string;
  /** "admin" puts it in the console's side menu, "app" in the top navbar for signed-in people. */
  area: "admin" | "app";
  /** Lower comes first; ties keep registry order. */
  order?: number;
};

export type ModuleDeclaration<P extends PermissionGroup, A extends string> = {
  /** lower-case, unique; also the prefix of the module's permissions. */
  id: string;
  label: string;
  permissions?: P;
  /** Holding any of the module's permissions obliges two-factor sign-in (the admin console's modules). */
  requiresTwoFactor?: boolean;
  /** Audit action codes (`<area>.<verb>`) with what people read in the audit log. */
  auditActions?: Readonly<Record<A, string>>;
  nav?: readonly NavEntry[];
  /** What the seeded roles are granted the first time a permission appears; administrators change grants afterwards. */
  defaultGrants?: Readonly<Record<string, readonly PermissionKeysOf<P>[]>>;
  /** How the audit log links a target of this type to its page: return null when there is none. */
  auditTargets?: Readonly<Record<string, (id: string) => string | null>>;
  /** Business records: each gets data access, operations, REST endpoints, screens and generic tests. */
  resources?: readonly Resource[];
  /** Operations beyond the records' own. Declarations stay importable anywhere (scripts, e2e): handlers load server code lazily. */
  operations?: readonly Operation[];
  /** The module's email templates (declareEmail), for the gallery at /dev/emails. Loaded lazily: they are server code. */
  emails?: () => Promise<readonly DeclaredEmail[]>;
  /** Demo records for the demo accounts (`db:seed -- --demo`); must be idempotent. Load server code lazily. */
  seedDemo?: (client: PrismaClient, users: { email: string; id: string }[]) => Promise<void>;
};

export type PermissionKeysOf<P> = P extends PermissionGroup ? Exclude<P[keyof P], readonly PermissionInfo[]> & string : never;

export type Module<P extends PermissionGroup = PermissionGroup, A extends string = string> = ModuleDeclaration<P, A> & {
  readonly $kind: "module";
};

/** Any module, as the registry and the kernel handle them. */
export type AnyModule = Omit<Module, "defaultGrants"> & { defaultGrants?: Readonly<Record<string, readonly string[]>> };

export function defineModule<const P extends PermissionGroup, const A extends string = never>(
  declaration: ModuleDeclaration<P, A>,
): Module<P, A> {
  if (!/^[a-z][a-z0-9-]*$/.test(declaration.id))
    throw new Error(`Module id "${declaration.id}" must be lower-case letters, digits and dashes.`);
  return { ...declaration, $kind: "module" };
}
