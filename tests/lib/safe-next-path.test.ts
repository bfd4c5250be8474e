import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/http/safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/admin/users?q=ada#top", "/admin/users?q=ada#top"],
    ["/account", "/account"],
    ["/a/../admin", "/admin"],
    // Encoded slashes and tabs stay encoded inside the path: the browser asks this site for them.
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/%09/evil.com", "/%09/evil.com"],
    ["/%5Cevil.com", "/%5Cevil.com"],
  ])("keeps %j on the site as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "//evil.com/path",
    "/\\evil.com",
    "\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r/evil.com",
    "/\u0000/evil.com",
    "\t//evil.com",
    " //evil.com",
    "https://evil.com",
    "http://localhost:3000.evil.com/",
    "javascript:alert(1)",
    "evil.com",
    "",
    null,
    undefined,
    42,
    ["/account"],
  ])("refuses %j", (next) => {
    expect(safeNextPath(next)).toBe("/account");
    expect(safeNextPath(next, "/")).toBe("/");
  });

  it("refuses a path too long to be a real page", () => {
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe("/account");
  });
});
