// Fills the database with USERS (default 100,000) synthetic users for the admin console benchmark:
// `DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/bench-users.ts`. One INSERT … SELECT
// per table with generate_series, so 100k rows take seconds. Addresses end in @bench.invalid.
import "./load-env";
import { PrismaClient } from "@/generated/prisma/client";
import { openConnection } from "@/lib/db-connection";
import { env } from "@/lib/env";

const count = Number(process.env.USERS ?? 100_000);
const connection = openConnection(env.DATABASE_URL);
const client = new PrismaClient({ adapter: connection.factory });
try {
  await client.$executeRawUnsafe(`DELETE FROM "User" WHERE email LIKE '%@bench.invalid'`);
  const first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Linus", "Radia", "Tim"];
  const last = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "Hamilton",
    "Torvalds",
    "Perlman",
    "Berners-Lee",
    "Smith",
    "Jones",
    "Garcia",
    "Nguyen",
  ];
  await client.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, "firstName", "lastName", status, "emailVerified", "twoFactorEnabledAt", "createdAt", "updatedAt")
    SELECT 'bench' || i,
           lower(f.name || '.' || l.name) || i || '@bench.invalid',
           f.name, l.name || CASE WHEN i % 7 = 0 THEN '-' || (i % 1000) ELSE '' END,
           (CASE WHEN i % 20 = 0 THEN 'DISABLED' ELSE 'ACTIVE' END)::"UserStatus",
           CASE WHEN i % 10 = 0 THEN NULL ELSE now() END,
           CASE WHEN i % 4 = 0 THEN now() ELSE NULL END,
           now() - (i || ' minutes')::interval, now()
    FROM generate_series(1, ${count}) AS i
    CROSS JOIN LATERAL (SELECT (ARRAY['${first.join("','")}'])[1 + i % ${first.length}] AS name) f
    CROSS JOIN LATERAL (SELECT (ARRAY['${last.join("','")}'])[1 + (i / ${first.length}) % ${last.length}] AS name) l`);
  await client.$executeRawUnsafe(`
    INSERT INTO "UserRole" ("userId", "roleId")
    SELECT u.id, r.id FROM "User" u JOIN "Role" r ON r.name = CASE WHEN substring(u.id, 6)::int % 50 = 0 THEN 'manager' ELSE 'user' END
    WHERE u.email LIKE '%@bench.invalid'`);
  // As autovacuum would leave a table in steady state: statistics and the visibility map up to date.
  await client.$executeRawUnsafe(`VACUUM ANALYZE "User"`);
  await client.$executeRawUnsafe(`VACUUM ANALYZE "UserRole"`);
  console.log(`${count.toLocaleString("en")} users in ${connection.label}`);
} finally {
  await client.$disconnect();
  await connection.close();
}
