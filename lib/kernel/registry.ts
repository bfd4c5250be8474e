import type { PermissionInfo } from "@/lib/authz/declare";
import type { AnyModule, NavEntry, PermissionKeysOf } from "./module";
import type { Operation } from "./operation";
import type { Resource } from "./resource";

// The registry (modules/index.ts) lists the modules and hands them to `composeModules`; the kernel only ever
// sees the composed result. For the type checker, each module's permissions.ts adds its permissions and audit
// actions to `Register` (`declare module "@/lib/kernel/registry" { interface Register { users: {...} } }`), so a
// misspelt permission or audit action fails to compile without the kernel importing a single module. (Types
// from the module list itself would be circular: declarations name permissions.)

/** @public Filled in by each module's `declare module` augmentation. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by module augmentation
export interface Register {}

type Registered = Register[keyof Register];
type PermissionsOf<M> = M extends { permissions: infer P } ? PermissionKeysOf<P> : never;
type AuditActionsOf<M> = M extends { auditActions: infer A } ? keyof A & string : never;

/** Every permission a module declares, as a union of string literals. */
export type Permission = PermissionsOf<Registered>;

/** The kernel's own audit actions; modules add theirs in their declarations. */
const kernelAuditActions = { "authz.denied": "Permission refused" } as const;
export type AuditAction = keyof typeof kernelAuditActions | AuditActionsOf<Registered>;

type DeclaredPermission = PermissionInfo & { module: string; requiresTwoFactor: boolean };

export type System = {
  modules: readonly AnyModule[];
  permissions: readonly DeclaredPermission[];
  /** Every audit action code with its label. */
  auditActions: ReadonlyMap<string, string>;
  nav: readonly NavEntry[];
  resources: readonly Resource[];
  /** The modules' own operations; each resource's record operations are added on the server (lib/kernel/operations-index.ts). */
  operations: readonly Operation[];
  /** Role name → the permission keys it gets when they first appear. */
  defaultGrants: ReadonlyMap<string, ReadonlySet<string>>;
  /** The page an audit log target links to, when its module declares one and there is one. */
  auditTargetHref(type: string, id: string): string | null;
};

export function composeModules(modules: readonly AnyModule[]): System {
  const seen = new Set<string>();
  const permissions: DeclaredPermission[] = [];
  const auditActions = new Map<string, string>(Object.entries(kernelAuditActions));
  const defaultGrants = new Map<string, Set<string>>();
  const targets = new Map<string, (id: string) => string | null>();
  const resources: Resource[] = [];
  for (const mod of modules) {
    if (seen.has(mod.id)) throw new Error(`Two modules are called "${mod.id}".`);
    seen.add(mod.id);
    for (const permission of mod.permissions?.$all ?? []) {
      if (permissions.some((p) => p.key === permission.key)) throw new Error(`Permission ${permission.key} is declared twice.`);
      permissions.push({ ...permission, module: mod.id, requiresTwoFactor: !!mod.requiresTwoFactor });
    }
    for (const [code, label] of Object.entries<string>(mod.auditActions ?? {})) {
      if (auditActions.has(code)) throw new Error(`Audit action ${code} is declared twice.`);
      auditActions.set(code, label);
    }
    for (const [role, keys] of Object.entries(mod.defaultGrants ?? {})) {
      const grants = defaultGrants.get(role) ?? new Set<string>();
      for (const key of keys) grants.add(key);
      defaultGrants.set(role, grants);
    }
    for (const resource of mod.resources ?? []) {
      if (resources.some((r) => r.name === resource.name)) throw new Error(`Resource "${resource.name}" is declared twice.`);
      resources.push(resource);
      if (targets.has(resource.auditTarget)) throw new Error(`Audit target type "${resource.auditTarget}" is claimed by two modules.`);
      targets.set(resource.auditTarget, (id) => `/${resource.name}/${encodeURIComponent(id)}`);
    }
    for (const [type, href] of Object.entries(mod.auditTargets ?? {})) {
      if (targets.has(type)) throw new Error(`Audit target type "${type}" is claimed by two modules.`);
      targets.set(type, href);
    }
  }
  const nav = modules
    .flatMap((m) => m.nav ?? [])
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.order ?? 100) - (b.entry.order ?? 100) || a.index - b.index)
    .map(({ entry }) => entry);
  return {
    modules,
    permissions,
    auditActions,
    nav,
    resources,
    operations: modules.flatMap((m) => m.operations ?? []),
    defaultGrants,
    auditTargetHref: (type, id) => targets.get(type)?.(id) ?? null,
  };
}
