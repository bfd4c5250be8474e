import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword, passwordProblems } from "@/lib/accounts/password-policy";
import { systemConfig } from "@/system.config";

describe("password policy", () => {
  it("checks against a list of at least 10,000 common passwords, case-insensitively", () => {
    expect(commonPasswordCount).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PASSWORD")).toBe(true);
    expect(isCommonPassword("correct horse lantern quietly")).toBe(false);
  });

  it("checks a common password in constant time: a Set lookup, not a scan", () => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) isCommonPassword(`not-common-${i}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it(`asks for ${systemConfig.accounts.passwordMinLength} characters and accepts long passphrases`, async () => {
    expect(await passwordProblems("short words")).toEqual([expect.stringMatching(/at least/)]);
    expect(await passwordProblems("lantern quietly orbit")).toEqual([]);
    expect(await passwordProblems("a".repeat(30) + " long passphrase of many many words ".repeat(3))).toEqual([]);
  });

  it("has no composition rules: lower-case words pass, and so do emoji and spaces", async () => {
    expect(await passwordProblems("plain lowercase words only")).toEqual([]);
    expect(await passwordProblems("🦊 jumps over 🐶 twice 🎉")).toEqual([]);
  });

  it("counts characters, not bytes", async () => {
    const fifteenEmoji = "🦊🐶🎉🌵🚲🍋🎈🧭🪁🦉🐢🍉🎹🧩🛶";
    expect([...fifteenEmoji]).toHaveLength(15);
    expect(await passwordProblems(fifteenEmoji)).toEqual([]);
  });

  it("refuses the user's own name, email and the system's name", async () => {
    const context = { email: "grace.hopper@example.com", firstName: "Grace", lastName: "Hopper" };
    expect(await passwordProblems("grace and her compiler 1952", context)).toContainEqual(expect.stringMatching(/name or email/));
    expect(await passwordProblems("my-grace.hopper-password", context)).toContainEqual(expect.stringMatching(/name or email/));
    expect(await passwordProblems(`${systemConfig.name} is my password`)).toContainEqual(
      expect.stringMatching(new RegExp(systemConfig.name)),
    );
  });

  it("refuses a long run of one repeated character and a password beyond 1,024 characters", async () => {
    expect(await passwordProblems("aaaaaaaaaaaaaaaaaaaa")).toContainEqual(expect.stringMatching(/repeat/));
    expect(await passwordProblems("word ".repeat(300))).toContainEqual(expect.stringMatching(/at most 1024/));
  });

  it("refuses what the strength meter calls weak, with the estimator's advice in words", async () => {
    for (const guessable of ["password1234567", "qwertyuiopasdfgh"]) {
      expect(isCommonPassword(guessable), `${guessable} is no exact blocklist hit`).toBe(false);
      const problems = await passwordProblems(guessable);
      expect(problems, guessable).toEqual([expect.stringMatching(/commonly used password\. Add more words/)]);
      expect(problems[0]).not.toMatch(/similarToCommon|[a-z][A-Z]/);
    }
  });

  it("refuses keyboard walks, sequences and repeated patterns", async () => {
    for (const walk of ["zaq12wsxcde34rfv", "qazwsxedcrfvtgbyhn", "1234567890123456", "abcdefghijklmnop"]) {
      expect(await passwordProblems(walk), walk).toHaveLength(1);
    }
    expect(await passwordProblems("asdfasdfasdfasdf")).toEqual([expect.stringMatching(/Repeated character patterns/)]);
    expect(await passwordProblems("iloveyouiloveyou")).toEqual([expect.stringMatching(/Repeated/)]);
  });

  it("refuses a password built from the user's own name", async () => {
    const context = { email: "grace.hopper@example.com", firstName: "Grace", lastName: "Hopper" };
    expect(await passwordProblems("Hopper Grace Hopper 1906", context)).toEqual([expect.stringMatching(/name or email/)]);
    expect(await passwordProblems("gracehopper19061209", context)).toEqual([expect.stringMatching(/name or email/)]);
  });
});
