import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { composeEmail } from "@/lib/email/compose";
import { unique, useTestDatabase } from "../../helpers/database";
import { personWithRoles } from "../../helpers/people";

// Queueing is one INSERT … SELECT whatever the audience: 10,000 recipients take one statement, not 10,000
// round trips. The time is printed for the notes; the bound only catches a return to per-recipient work.

describe("queueing a composed email", () => {
  useTestDatabase();

  it("queues 10,000 recipients in one statement", async () => {
    const role = await db.role.create({ data: { name: unique("many") } });
    const prefix = unique("bulk");
    await db.$executeRaw`
      INSERT INTO "User" ("id", "email", "firstName", "lastName", "emailVerified", "updatedAt")
      SELECT ${prefix} || n, ${prefix} || n || '@example.com', 'Bulk', 'Reader', now(), now() FROM generate_series(1, 10000) AS n`;
    await db.$executeRaw`
      INSERT INTO "UserRole" ("userId", "roleId") SELECT ${prefix} || n, ${role.id} FROM generate_series(1, 10000) AS n`;
    const actor = await personWithRoles([], { extra: ["email:send"] });

    const started = performance.now();
    const outcome = await composeEmail(actor, {
      subject: "Scale",
      markdown: "Hello {{firstName}}",
      audience: "role",
      roleId: role.id,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const ms = Math.round(performance.now() - started);
    console.log(`queued 10,000 recipients in ${ms} ms`);

    expect(outcome).toMatchObject({ ok: true, value: { recipients: 10_000 } });
    expect(await db.emailMessage.count({ where: { sendId: outcome.ok ? outcome.value.id : "" } })).toBe(10_000);
    expect(ms).toBeLessThan(30_000);
  }, 120_000);
});
