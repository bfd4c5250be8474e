// Read by the Prisma CLI (generate): the schema is every .prisma file in prisma/schema/. Migrations run through
// scripts/db.ts, which works offline.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
