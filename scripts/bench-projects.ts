// Fills the database with PROJECTS (default 100,000) synthetic projects for the records benchmark:
// `DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/bench-projects.ts`. MINE of them (default
// 2,000) belong to the demo member, the rest to 500 synthetic owners; a reader role gets projects:read_all. The
// member gets a read-only personal access token, written to .data/bench-token for scripts/bench-records.mjs.
import "./load-env";
import { PrismaClient } from "@/generated/prisma/client";
import { writeFileSync } from "node:fs";
import { hashPassword } from "@/lib/accounts/password-hash";
import { newToken } from "@/lib/api-tokens/token";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";

const count = Number(process.env.PROJECTS ?? 100_000);
const mine = Number(process.env.MINE ?? 2_000);
const READER = { email: "reader@bench.invalid", password: "quiet harbour lamps at dusk" };

const connection = openConnection(env.DATABASE_URL);
const client = new PrismaClient({ adapter: connection.factory });
try {
  const demo = await client.user.findUniqueOrThrow({ where: { email: "demo@example.com" }, select: { id: true } });
  await client.$executeRawUnsafe(`DELETE FROM "Project" WHERE id LIKE 'bench%'`);
  const words = ["Apollo", "Borealis", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen"];
  await client.$executeRawUnsafe(`
    INSERT INTO "Project" (id, name, description, status, "ownerId", "createdAt", "updatedAt")
    SELECT 'bench' || i,
           w.word || ' ' || (i % 9973),
           'Synthetic project ' || i,
           (ARRAY['active','on_hold','done'])[1 + i % 3]::"ProjectStatus",
           CASE WHEN i <= ${mine} THEN '${demo.id}' ELSE 'benchowner' || (i % 500) END,
           now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval
    FROM generate_series(1, ${count}) AS i
    CROSS JOIN LATERAL (SELECT (ARRAY['${words.join("','")}'])[1 + i % ${words.length}] AS word) w`);
  await client.$executeRawUnsafe(`VACUUM ANALYZE "Project"`);

  // A reader who may read every project (projects:read_all is not a console permission: no two-factor needed).
  const permission = await client.permission.findUniqueOrThrow({ where: { key: "projects:read_all" } });
  const role = await client.role.upsert({
    where: { name: "bench-reader" },
    create: { name: "bench-reader", description: "Benchmark" },
    update: {},
  });
  await client.rolePermission.createMany({ data: [{ roleId: role.id, permissionId: permission.id }], skipDuplicates: true });
  const member = await client.role.findUniqueOrThrow({ where: { name: "user" } });
  await client.user.upsert({
    where: { email: READER.email },
    create: {
      email: READER.email,
      firstName: "Rita",
      lastName: "Reader",
      emailVerified: new Date(),
      passwordHash: await hashPassword(READER.password),
      roles: { create: [{ roleId: role.id }, { roleId: member.id }] },
    },
    update: { passwordHash: await hashPassword(READER.password) },
  });
  // A personal access token for the member, read-only, for the token-authenticated cases.
  const pat = newToken();
  await client.apiToken.deleteMany({ where: { userId: demo.id, name: "bench" } });
  await client.apiToken.create({
    data: {
      userId: demo.id,
      name: "bench",
      visible: pat.visible,
      hash: pat.hash,
      scopes: ["projects:read"],
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  writeFileSync(".data/bench-token", pat.token, { mode: 0o600 });
  console.log(`${count.toLocaleString("en")} projects (${mine.toLocaleString("en")} the demo member's) in ${connection.label}`);
} finally {
  await client.$disconnect();
  await connection.close();
}
