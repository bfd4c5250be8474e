import { describe, expect, it } from "vitest";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookie-name";

describe("cookie security follows the public URL", () => {
  it("is Secure with the __Host- session cookie whenever APP_URL is https, whatever FORCE_HTTPS says", () => {
    expect(usesSecureCookies("https://app.example")).toBe(true);
    expect(sessionCookieName(usesSecureCookies("https://app.example"))).toBe("__Host-session");
  });

  it("stays plain for an http or unset URL (development)", () => {
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
    expect(sessionCookieName(false)).toBe("session");
  });
});
