// The first administrator of a real deployment (and any later one):
//   npm run admin:create -- --email ada@example.com [--first-name Ada --last-name Lovelace]
// Asks for what the flags leave out; the password is typed without echo, or read from the first line of
// stdin when that is not a terminal (printf '%s\n' "$PASSWORD" | npm run admin:create -- ...). Never a flag:
// flags end up in shell history and process lists.
import "./load-env";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { PrismaClient } from "@/generated/prisma/client";
import { accountExists, createAdministrator } from "@/lib/accounts/create-admin";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";
import { seed } from "@/lib/seed";
import { system } from "@/modules";

const usage = "usage: npm run admin:create -- --email <address> [--first-name <name>] [--last-name <name>]";

async function ask(question: string): Promise<string> {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await readline.question(question);
  } finally {
    readline.close();
  }
}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write("\n");
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return (finish(), resolve(value));
        if (char === "\u0003" || char === "\u0004") return (finish(), reject(new Error("cancelled")));
        value = char === "\u007f" || char === "\b" ? [...value].slice(0, -1).join("") : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? "";
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await askHidden("Password (at least 15 characters; a few unrelated words work well): ");
  // The operator's two entries at a terminal, not a secret compared against a guess: no timing to attack.
  // eslint-disable-next-line security/detect-possible-timing-attacks
  if ((await askHidden("The same password again: ")) !== password) throw new Error("The passwords do not match; nothing was changed.");
  return password;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, "first-name": { type: "string" }, "last-name": { type: "string" } },
  });
  if (!values.email) throw new Error(usage);
  const connection = openConnection(env.DATABASE_URL);
  const client = new PrismaClient({ adapter: connection.factory });
  try {
    await seed(client, system, { demoUsers: false }); // the roles and their permissions, if this database has none yet
    const input = { email: values.email, firstName: values["first-name"] ?? "", lastName: values["last-name"] ?? "", password: "" };
    if (!(await accountExists(client, values.email))) {
      const interactive = process.stdin.isTTY;
      if (!input.firstName) input.firstName = interactive ? await ask("First name: ") : "";
      if (!input.lastName) input.lastName = interactive ? await ask("Last name: ") : "";
      input.password = await readPassword();
    }
    const result = await createAdministrator(client, input);
    if (!result.ok) {
      // Field errors say what to fix; a refusal without them says it in its message.
      const problems = Object.values(result.fieldErrors ?? {}).flat();
      throw new Error(
        `Nothing was changed:\n${(problems.length ? problems : [result.message]).map((problem) => `  ${problem}`).join("\n")}`,
      );
    }
    const said = {
      created: "Created the administrator",
      promoted: "Gave the admin role to the existing account",
      unchanged: "Already an administrator, nothing changed:",
    };
    const { outcome, twoFactorRequired } = result.value;
    console.log(`${said[outcome]} ${values.email} on ${connection.label}.`);
    if (outcome === "created") console.log("The address counts as confirmed.");
    if (twoFactorRequired) console.log("Two-factor sign-in is set up at the first sign-in (an authenticator app is needed).");
    else console.warn("Warning: system.config.ts does not require two-factor sign-in for administrators.");
  } finally {
    await client.$disconnect();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
