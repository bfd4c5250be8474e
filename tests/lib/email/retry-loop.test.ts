import { describe, expect, it } from "vitest";
import { retryDueEmails } from "@/lib/email/retry-loop";
import { db } from "@/lib/db";
import { useTestDatabase } from "../../helpers/database";

// The retry loop starts with the server but must not open the database (or load its client) on its own.

describe("email retry loop", () => {
  useTestDatabase();

  it("does nothing while this process has not opened the database", async () => {
    expect(await retryDueEmails(() => false)).toBeNull();
  });

  it("delivers a due message once the database is open", async () => {
    const message = await db.emailMessage.create({
      data: {
        to: "retry-loop@example.com",
        subject: "S",
        html: "<p>h</p>",
        text: "t",
        template: "test",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    expect(await retryDueEmails()).toBeGreaterThanOrEqual(1);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "SENT" });
  });
});
