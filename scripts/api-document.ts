// Writes the OpenAPI document from the registry, without a server or a database, for `npm run api:lint` and
// `npm run api:types`: the same function GET /api/v1/openapi.json answers with.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/lib/kernel/openapi";
import { operationsOf } from "@/lib/kernel/operations-index";
import { system } from "@/modules";

const target = process.argv[2] ?? "generated/openapi.json";
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify(openApiDocument(system, operationsOf(system).values()), null, 2) + "\n");
console.log(`Wrote ${target}`);
