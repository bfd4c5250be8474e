import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("log", () => {
  it("writes JSON lines with level, time, service and the request id", () => {
    const { logger, lines } = capture();
    logger.child({ requestId: "req-abc12345" }).info({ path: "/x" }, "hello");
    expect(lines[0]).toMatchObject({ level: "info", msg: "hello", requestId: "req-abc12345", path: "/x" });
    expect(lines[0]).toHaveProperty("time");
    expect(lines[0]).toHaveProperty("service");
  });

  it("redacts passwords, tokens, cookies and authorization headers wherever they sit", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2",
        body: { newPassword: "hunter3", token: "tok_123" },
        req: { headers: { authorization: "Bearer abc", cookie: "session=xyz" } },
        headers: { "set-cookie": "session=xyz" },
      },
      "login",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "hunter3", "tok_123", "Bearer abc", "session=xyz"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
