// The helper comes first: it mocks the session before anything loads the REST router.
import { describeResourceRecords } from "../helpers/module-records";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { system } from "@/modules";

// Every registered resource gets the generic record tests from its declaration alone. A resource with its own
// tests/modules/<name>.test.ts (written by npm run module:new) runs there instead, not twice.
const ownFile = (name: string) => existsSync(fileURLToPath(new URL(`./${name}.test.ts`, import.meta.url)));

for (const resource of system.resources) if (!ownFile(resource.name)) describeResourceRecords(resource.name);
