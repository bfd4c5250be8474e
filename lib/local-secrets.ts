import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Development needs secrets too, but the quick start must not ask for a .env file: make them once and keep
// them in the git-ignored data folder, so sessions survive restarts. Production never reaches this.
const file = path.join(process.cwd(), ".data", "local-secrets.json");

export function readOrCreateLocalSecret(name: string): string {
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets[name];
}
