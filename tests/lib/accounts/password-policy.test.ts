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

  it(`asks for ${systemConfig.accounts.passwordMinLength} characters and accepts long passphrases`, () => {
    expect(passwordProblems("short words")).toEqual([expect.stringMatching(/at least/)]);
    expect(passwordProblems("lantern quietly orbit")).toEqual([]);
    expect(passwordProblems("a".repeat(30) + " long passphrase of many many words ".repeat(3))).toEqual([]);
  });

  it("has no composition rules: lower-case words pass, and so do emoji and spaces", () => {
    expect(passwordProblems("plain lowercase words only")).toEqual([]);
    expect(passwordProblems("🦊 jumps over 🐶 twice 🎉")).toEqual([]);
  });

  it("counts characters, not bytes", () => {
    const fifteenEmoji = "🦊🐶🎉🌵🚲🍋🎈🧭🪁🦉🐢🍉🎹🧩🛶";
    expect([...fifteenEmoji]).toHaveLength(15);
    expect(passwordProblems(fifteenEmoji)).toEqual([]);
  });

  it("refuses the user's own name, email and the system's name", () => {
    const context = { email: "grace.hopper@example.com", firstName: "Grace", lastName: "Hopper" };
    expect(passwordProblems("grace and her compiler 1952", context)).toContainEqual(expect.stringMatching(/name or email/));
    expect(passwordProblems("my-grace.hopper-password", context)).toContainEqual(expect.stringMatching(/name or email/));
    expect(passwordProblems(`${systemConfig.name} is my password`)).toContainEqual(expect.stringMatching(new RegExp(systemConfig.name)));
  });

  it("refuses a long run of one repeated character and a password beyond 1,024 characters", () => {
    expect(passwordProblems("aaaaaaaaaaaaaaaaaaaa")).toContainEqual(expect.stringMatching(/repeat/));
    expect(passwordProblems("word ".repeat(300))).toContainEqual(expect.stringMatching(/at most 1024/));
  });
});
