// npm run module:new -- <plural-name> [--singular <word>] [--root <dir>]
// Writes a new business module (modules/<name>/, its Prisma model, its generic tests, one line in the registry)
// and prints what to run next. --root points it at another copy of the repository (the tests, CI's smoke run).
import path from "node:path";
import { generateModule, ModuleNameError } from "./module-new/generate";

const usage = "usage: npm run module:new -- <plural-name, e.g. support-tickets> [--singular <word>] [--root <dir>]";

function parse(args: string[]): { name: string; singular?: string; root: string } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at]!;
    if (arg === "--singular" || arg === "--root") {
      const value = args[++at];
      if (!value) throw new ModuleNameError(`${arg} needs a value.\n${usage}`);
      options[arg.slice(2)] = value;
    } else if (arg.startsWith("-")) throw new ModuleNameError(`unknown option ${arg}.\n${usage}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new ModuleNameError(usage);
  return { name: positional[0]!, singular: options.singular, root: path.resolve(options.root ?? ".") };
}

async function main(): Promise<void> {
  const { name, singular, root } = parse(process.argv.slice(2));
  const { names, files } = await generateModule(root, name, singular);
  const migration = names.name.replaceAll("-", "_");
  // Migration names are snake_case (scripts/db.ts).
  const next: [string, string][] = [
    [`npm run db:migration -- ${migration}`, `write the migration from prisma/schema/${names.name}.prisma; review the SQL`],
    ["npm run dev", "migrate, seed the new permissions and serve (or npm run db:migrate alone)"],
    [`open http://localhost:3000/${names.name}`, `the screens; the API is /api/v1/${names.name}, listed in /api/v1/openapi.json`],
    [`npx vitest run tests/modules/${names.name}.test.ts`, "the generic record tests"],
  ];
  const width = Math.max(...next.map(([command]) => command.length));
  console.log(`Wrote ${files.join(", ")}
and added ${names.plural}Module to modules/index.ts (model ${names.model}, labels "${names.label.plural}" / "${names.label.singular}").

Next:
${next.map(([command, why]) => `  ${command.padEnd(width)}  ${why}`).join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ModuleNameError ? error.message : error);
  process.exit(1);
});
