import { describe, expect, it } from "vitest";
import { db, dbConnection } from "@/lib/db";
import { useTestDatabase } from "../helpers/database";

describe("the app's database connection", () => {
  useTestDatabase();

  it("runs PostgreSQL without JIT compilation (the embedded database has no JIT compiler)", async () => {
    const [row] = await db.$queryRaw<{ jit: string }[]>`SHOW jit`;
    // PGlite reports the default, "on", but is built without LLVM: nothing is ever compiled there.
    expect(row!.jit).toBe(dbConnection().kind === "postgres" ? "off" : "on");
  });
});
