// The files `npm run module:new` writes, one function per file, as plain template literals: edit the text here
// to change what every new module starts with. Prettier formats the TypeScript afterwards, so only the .prisma
// file needs its columns lined up by hand. Add a file by adding an entry to `moduleFiles`.

/** Every spelling of a module's name the templates need, derived once from `support-tickets`. */
export type Names = {
  /** Module id, resource name, permission prefix, URL segment: "support-tickets". */
  name: string;
  /** "supportTickets": the resource's variable. */
  plural: string;
  /** "supportTicket": the Prisma client property and the prefix of the module's variables. */
  client: string;
  /** "SupportTicket": the Prisma model. */
  model: string;
  /** "SUPPORT_TICKET": the prefix of constants. */
  constant: string;
  label: { singular: string; plural: string };
};

const verbs = ["create", "update", "delete", "restore", "purge", "export"] as const;

function auditLabel(n: Names, verb: (typeof verbs)[number]): string {
  const done = { create: "created", update: "edited", delete: "deleted", restore: "restored", purge: "deleted for good" };
  return verb === "export" ? `${n.label.plural} exported` : `${n.label.singular} ${done[verb]}`;
}

const lower = (label: string) => label.toLowerCase();

const permissions = (n: Names) => `import { declarePermissions } from "@/lib/authz/declare";

// What people may be allowed to do with ${lower(n.label.plural)}; the admin console grants these to roles.
export const ${n.client}Permissions = declarePermissions("${n.name}", {
  read: "See your own ${lower(n.label.plural)}",
  create: "Create ${lower(n.label.plural)}",
  update: "Edit your own ${lower(n.label.plural)}",
  delete: "Delete your own ${lower(n.label.plural)} (they can be restored)",
  restore: "See deleted ${lower(n.label.plural)} of your own, and restore them",
  purge: "Delete your own ${lower(n.label.plural)} for good",
  read_all: "See everyone's ${lower(n.label.plural)} (read only)",
});
`;

const schemas = (n: Names) => `import { z } from "zod/mini";

// Shared by the form in the browser and the operations on the server: zod/mini keeps the form light.

export const ${n.constant}_STATUSES = ["open", "closed"] as const;

const ${n.client}Fields = {
  title: z.string().check(z.trim(), z.minLength(1, "Give the ${lower(n.label.singular)} a title."), z.maxLength(200, "At most 200 characters.")),
  notes: z.string().check(z.trim(), z.maxLength(5000, "At most 5,000 characters.")),
  status: z.enum(${n.constant}_STATUSES, "Pick a status."),
};
export const ${n.client}CreateSchema = z.object({
  ...${n.client}Fields,
  notes: z._default(${n.client}Fields.notes, ""),
  status: z._default(${n.client}Fields.status, "open"),
});
/** Any part of a ${lower(n.label.singular)}; no defaults, so a PATCH never resets what it does not name. */
export const ${n.client}UpdateSchema = z.partial(z.object(${n.client}Fields));
`;

const resources = (n: Names) => `import { defineResource } from "@/lib/kernel/resource";
import { ${n.client}Permissions as p } from "./permissions";
import { ${n.constant}_STATUSES, ${n.client}CreateSchema, ${n.client}UpdateSchema } from "./schemas";

// One declaration gives the records their data access, operations, REST endpoints (/api/v1/${n.name}), screens
// (/${n.name}) and generic tests. Add a field here, in schemas.ts and in prisma/schema/${n.name}.prisma.
export const ${n.plural} = defineResource({
  name: "${n.name}",
  model: "${n.client}",
  label: { singular: "${n.label.singular}", plural: "${n.label.plural}" },
  fields: {
    title: { label: "Title", input: "text", list: true, sort: true, search: true },
    notes: { label: "Notes", input: "textarea", search: true },
    status: { label: "Status", input: "select", options: ${n.constant}_STATUSES, list: true, sort: true, filter: ["eq", "in"] },
  },
  createSchema: ${n.client}CreateSchema,
  updateSchema: ${n.client}UpdateSchema,
  titleField: "title",
  ownership: { kind: "user", field: "ownerId" },
  permissions: {
    read: p.read,
    create: p.create,
    update: p.update,
    delete: p.delete,
    restore: p.restore,
    purge: p.purge,
    readAll: p.read_all,
  },
  audit: {
${verbs.map((verb) => `    ${verb}: "${n.name}.${verb}",`).join("\n")}
  },
  defaultSort: { field: "updatedAt", dir: "desc" },
  example: () => ({ title: "A first ${lower(n.label.singular)}", notes: "Written by the generic tests.", status: "open" }),
});
`;

const index = (n: Names) => `import { defineModule } from "@/lib/kernel/module";
import { ${n.client}Permissions as p } from "./permissions";
import { ${n.plural} } from "./resources";

const auditActions = {
${verbs.map((verb) => `  "${n.name}.${verb}": "${auditLabel(n, verb)}",`).join("\n")}
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    "${n.name}": { permissions: typeof p; auditActions: typeof auditActions };
  }
}

// ${n.label.plural}, owned by whoever creates them. Everything the module adds to the system is declared here,
// plus its model in prisma/schema/${n.name}.prisma and one line in modules/index.ts.
export const ${n.plural}Module = defineModule({
  id: "${n.name}",
  label: "${n.label.plural}",
  permissions: p,
  auditActions,
  nav: [{ href: "/${n.name}", label: "${n.label.plural}", permission: p.read, area: "app", order: 50 }],
  defaultGrants: { user: [p.read, p.create, p.update, p.delete, p.restore], manager: [p.read_all] },
  resources: [${n.plural}],
});
`;

function prismaSchema(n: Names): string {
  const status = `${n.model}Status`;
  const fields: [string, string, string][] = [
    ["id", "String", "@id @default(cuid())"],
    ["version", "Int", "@default(1)"],
    ["title", "String", ""],
    ["notes", "String", '@default("")'],
    ["status", status, "@default(open)"],
    ["ownerId", "String", ""],
    ["createdAt", "DateTime", "@default(now())"],
    ["updatedAt", "DateTime", "@updatedAt"],
    ["deletedAt", "DateTime?", ""],
  ];
  // Lined up the way `prisma format` would, since Prettier does not read .prisma files.
  const nameWidth = Math.max(...fields.map(([field]) => field.length));
  const typeWidth = Math.max(...fields.map(([, type]) => type.length));
  const lines = fields.map(([field, type, attributes]) =>
    `  ${field.padEnd(nameWidth)} ${attributes ? `${type.padEnd(typeWidth)} ${attributes}` : type}`.trimEnd(),
  );
  const owner = lines.findIndex((line) => line.startsWith("  ownerId"));
  lines.splice(owner, 0, "  /// The owner's User id. No foreign key: a module adds only its own file to the schema.");
  return `// The ${n.name} module (modules/${n.name}): ${lower(n.label.plural)} owned by the user who creates them.
// Record conventions (lib/kernel/resource.ts): id, version, createdAt, updatedAt, deletedAt.

enum ${status} {
  open
  closed
}

model ${n.model} {
${lines.join("\n")}

  @@index([ownerId, deletedAt, updatedAt])
  @@index([deletedAt, updatedAt])
  @@index([title(ops: raw("gin_trgm_ops"))], type: Gin, map: "${n.model}_title_trgm_idx")
}
`;
}

const test = (n: Names) => `import { describeResourceRecords } from "../helpers/module-records";

// The generic record tests (create, read, list, update, delete, restore, purge, who may do what), driven by the
// declaration in modules/${n.name}/resources.ts and its \`example\`.
describeResourceRecords("${n.name}");
`;

/** Path (relative to the repository) → contents, for every file a new module gets. */
export function moduleFiles(n: Names): Record<string, string> {
  return {
    [`modules/${n.name}/index.ts`]: index(n),
    [`modules/${n.name}/permissions.ts`]: permissions(n),
    [`modules/${n.name}/schemas.ts`]: schemas(n),
    [`modules/${n.name}/resources.ts`]: resources(n),
    [`prisma/schema/${n.name}.prisma`]: prismaSchema(n),
    [`tests/modules/${n.name}.test.ts`]: test(n),
  };
}
