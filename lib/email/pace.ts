import "server-only";
import { db } from "@/lib/db";

// Mail other than SECURITY goes out at EMAIL_SEND_RATE a second in all, however many processes deliver it: each
// message takes a slot from one row in PostgreSQL first (a cell-rate limiter without bursts: slots at least one
// interval apart, on the database's clock, so the processes' clocks do not matter). Security mail never waits.

const PACE = "outbound";

/** How long one drain may run: within a cron route's time and a retry tick's minute. */
export const DRAIN_BUDGET_MS = 50_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the next send slot at `rate` a second: 0 when taken, else the milliseconds until it frees. */
async function takeSendSlot(rate: number): Promise<number> {
  const seconds = 1 / rate;
  // The upsert locks the row: of two racing takers the second sees the first's nextAt, in the future, and gets none.
  const [row] = await db.$queryRaw<{ taken: boolean; waitMs: number | null }[]>`
    WITH taken AS (
      INSERT INTO "EmailPace" ("id", "nextAt") VALUES (${PACE}, clock_timestamp() + make_interval(secs => ${seconds}::float8))
      ON CONFLICT ("id") DO UPDATE SET "nextAt" = clock_timestamp() + make_interval(secs => ${seconds}::float8)
      WHERE "EmailPace"."nextAt" <= clock_timestamp()
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM taken) AS "taken",
      (SELECT (EXTRACT(EPOCH FROM ("nextAt" - clock_timestamp())) * 1000)::float8 FROM "EmailPace" WHERE "id" = ${PACE}) AS "waitMs"`;
  if (row?.taken) return 0;
  // The statement's snapshot may predate a slot just taken elsewhere: at worst this asks again a little early.
  return Math.max(1, Math.ceil(row?.waitMs ?? 1));
}

/** Waits for a send slot until `deadline` (epoch ms): false when the deadline came first. */
export async function waitForSendSlot(rate: number, deadline: number): Promise<boolean> {
  for (;;) {
    if (Date.now() >= deadline) return false;
    const wait = await takeSendSlot(rate);
    if (wait === 0) return true;
    if (Date.now() + wait > deadline) return false;
    await sleep(wait);
  }
}
