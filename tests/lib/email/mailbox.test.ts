import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz";
import { mayReadMailbox } from "@/lib/email/mailbox";
import { emailPermissions } from "@/lib/email/permissions";

// The session is not what these tests are about (and Auth.js needs Next to load).
vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => null }));

// Who reads /dev/mailbox (every stored email, reset links included). The e2e suite checks the built app.

const holder: Actor = { id: "u1", permissions: new Set([emailPermissions.outbox]) };
const member: Actor = { id: "u2", permissions: new Set(["admin:access"]) };
const production = { productionBuild: true, devMailbox: true, realMail: false };

describe("development mailbox access", () => {
  it("is open to anyone under next dev and test runs, while no real mail provider is set", () => {
    expect(mayReadMailbox(null, { productionBuild: false, devMailbox: false, realMail: false })).toBe(true);
    expect(mayReadMailbox(holder, { productionBuild: false, devMailbox: false, realMail: true })).toBe(false);
  });

  it("in a production build with DEV_MAILBOX=true, is closed to anonymous visitors and members without email:outbox", () => {
    expect(mayReadMailbox(null, production)).toBe(false);
    expect(mayReadMailbox(member, production)).toBe(false);
    expect(mayReadMailbox(holder, production)).toBe(true);
  });

  it("in a production build without DEV_MAILBOX, is closed even to a holder of email:outbox", () => {
    expect(mayReadMailbox(holder, { ...production, devMailbox: false })).toBe(false);
  });
});
