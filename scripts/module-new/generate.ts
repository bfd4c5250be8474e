import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { moduleFiles, type Names } from "./templates";

// The work behind `npm run module:new`: check the name, derive its spellings, write the files, add the module
// to the registry (modules/index.ts) and format what changed. Everything is read from `root`, so the tests run
// it against a scratch copy of the repository.

/** Paths the application already serves at the top level, besides the folders of app/. */
const RESERVED = ["admin", "account", "api", "login", "register", "status", "dev", "auth", "new", "static", "public"];

export class ModuleNameError extends Error {}

/** "support-tickets" (and an optional singular) → every spelling the templates use. */
export function deriveNames(name: string, singularOverride?: string): Names {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(name) || name.includes("--") || name.endsWith("-"))
    throw new ModuleNameError(
      `"${name}" is not a module name: use 2-31 lower-case letters, digits and single dashes, starting with a letter (e.g. support-tickets).`,
    );
  const singular = singularOverride ?? singularOf(name);
  if (!singular)
    throw new ModuleNameError(`"${name}" does not look plural (it should end in s); give its singular with --singular <word>.`);
  if (!/^[a-z][a-z0-9-]*$/.test(singular) || singular.includes("--") || singular.endsWith("-"))
    throw new ModuleNameError(`--singular "${singular}" must be lower-case letters, digits and single dashes.`);
  if (singular === name) throw new ModuleNameError(`The singular "${singular}" must differ from the plural "${name}".`);
  const words = (s: string) => s.split("-");
  const pascal = (s: string) =>
    words(s)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join("");
  const camel = (s: string) => pascal(s)[0]!.toLowerCase() + pascal(s).slice(1);
  const label = (s: string) => {
    const text = words(s).join(" ");
    return text[0]!.toUpperCase() + text.slice(1);
  };
  return {
    name,
    plural: camel(name),
    client: camel(singular),
    model: pascal(singular),
    constant: words(singular).join("_").toUpperCase(),
    label: { singular: label(singular), plural: label(name) },
  };
}

/** Simple English plurals only (tickets → ticket, categories → category); anything else takes --singular. */
function singularOf(name: string): string | null {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("s") && !name.endsWith("ss")) return name.slice(0, -1);
  return null;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|prisma)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Names the system already uses, read from the source (no imports, so a broken module cannot stop the generator). */
function takenNames(root: string) {
  const words = new Set<string>();
  const models = new Set<string>();
  const collect = (text: string, pattern: RegExp, into: Set<string>) => {
    for (const match of text.matchAll(pattern)) into.add(match[1]!);
  };
  for (const file of [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "modules"))]) {
    const text = readFileSync(file, "utf8");
    collect(text, /declarePermissions\(\s*"([^"]+)"/g, words);
    collect(text, /defineModule\(\{\s*id:\s*"([^"]+)"/g, words);
    collect(text, /defineResource\(\{\s*name:\s*"([^"]+)"/g, words);
  }
  for (const entry of readdirSync(path.join(root, "modules"), { withFileTypes: true })) if (entry.isDirectory()) words.add(entry.name);
  for (const file of sourceFiles(path.join(root, "prisma", "schema")))
    collect(readFileSync(file, "utf8"), /^\s*(?:model|enum|type|view)\s+(\w+)/gm, models);
  return { words, models };
}

/** The top-level URL segments of app/ (route groups contribute their children), plus the fixed list. */
function reservedRoutes(root: string): Set<string> {
  const reserved = new Set(RESERVED);
  const segments = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .flatMap((entry) => (/^\(.*\)$/.test(entry.name) ? segments(path.join(dir, entry.name)) : [entry.name]))
      : [];
  for (const segment of segments(path.join(root, "app"))) reserved.add(segment);
  return reserved;
}

/** The name itself first: a reserved or taken name is the clearer message, before any question of its singular. */
function checkName(root: string, name: string): void {
  deriveNames(name, "x"); // the shape only
  if (reservedRoutes(root).has(name)) throw new ModuleNameError(`"${name}" is a path the application already serves: choose another name.`);
  if (takenNames(root).words.has(name))
    throw new ModuleNameError(`"${name}" is already a module, resource or permission prefix: choose another name.`);
}

function checkTargets(root: string, names: Names, files: string[]): void {
  const { models } = takenNames(root);
  for (const model of [names.model, `${names.model}Status`])
    if (models.has(model))
      throw new ModuleNameError(`prisma/schema/ already has a model or enum called ${model}: choose another name or --singular.`);
  const existing = files.filter((file) => existsSync(path.join(root, file)));
  if (existing.length) throw new ModuleNameError(`Refusing to overwrite ${existing.join(", ")}.`);
}

/** modules/index.ts with the new module's import (kept in order among the modules' own) and array entry. */
function addToRegistry(source: string, names: Names): string {
  const variable = `${names.plural}Module`;
  const line = `import { ${variable} } from "./${names.name}";`;
  if (source.includes(`from "./${names.name}"`)) throw new ModuleNameError(`modules/index.ts already imports ./${names.name}.`);
  const lines = source.split("\n");
  const imports = lines.flatMap((text, at) => (text.startsWith("import ") ? [at] : []));
  if (!imports.length) throw new Error("modules/index.ts has no imports: cannot place the new module.");
  const local = imports.filter((at) => lines[at]!.includes('from "./'));
  const before = local.filter((at) => (/from "\.\/([^"]+)"/.exec(lines[at]!)?.[1] ?? "") < names.name);
  lines.splice(before.length ? before.at(-1)! + 1 : (local[0] ?? imports.at(-1)! + 1), 0, line);
  const withImport = lines.join("\n");
  const list = /(const modules = \[)([\s\S]*?)(\] as const;)/;
  if (!list.test(withImport)) throw new Error("modules/index.ts has no `const modules = [...] as const;`: add the module by hand.");
  return withImport.replace(
    list,
    (_, open: string, items: string, close: string) => `${open}${items.trimEnd().replace(/,?$/, ",")}\n  ${variable},\n${close}`,
  );
}

async function formatted(file: string, text: string): Promise<string> {
  if (!/\.(ts|tsx)$/.test(file)) return text;
  const options = (await resolveConfig(file)) ?? (await resolveConfig(path.join(process.cwd(), "package.json"))) ?? {};
  return format(text, { ...options, filepath: file });
}

export type Generated = { names: Names; files: string[] };

export async function generateModule(root: string, name: string, singular?: string): Promise<Generated> {
  checkName(root, name);
  const names = deriveNames(name, singular);
  const templates = moduleFiles(names);
  const registryFile = path.join(root, "modules", "index.ts");
  checkTargets(root, names, Object.keys(templates));
  // Everything is rendered and formatted before the first write, so a failure leaves the repository as it was.
  const writes: [string, string][] = [];
  for (const [file, text] of Object.entries(templates)) writes.push([path.join(root, file), await formatted(path.join(root, file), text)]);
  writes.push([registryFile, await formatted(registryFile, addToRegistry(readFileSync(registryFile, "utf8"), names))]);
  for (const [file, text] of writes) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { names, files: Object.keys(templates) };
}
