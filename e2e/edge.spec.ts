import { expect, test, type Page } from "@playwright/test";
import { serverEnv } from "../playwright.config";
import { prepareDatabase, startServer, waitUntilLive, type OwnServer } from "./own-server";
import { visitorHeaders } from "./support";
import { login, newEmail, registeredUser } from "./users";

// The network edge, read from real responses: client address, cookie attributes, refused requests, CSRF.

const demo = { email: "demo@example.com", password: "paper boats drift at noon" };

type SignIn = { status: number; location: string; cookies: string[]; csrfCookies: string[] };

/** The Auth.js credentials sign-in as a browser form does it: csrf token and cookie first, then the post. */
async function credentialsSignIn(base: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<SignIn> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      cookie: csrfCookies.map((cookie) => cookie.split(";")[0]).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ csrfToken, ...fields }),
  });
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    cookies: response.headers.getSetCookie(),
    csrfCookies,
  };
}

const attributes = (cookie: string) =>
  cookie
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());
const named = (cookies: string[], name: string) => cookies.find((cookie) => cookie.startsWith(`${name}=`));

/** The id and encoding of the login form's server action, as the browser posts it (the post is stopped). */
async function captureLoginAction(page: Page): Promise<{ id: string; contentType: string }> {
  let captured: { id: string; contentType: string } | undefined;
  await page.route("**/login", async (route) => {
    const headers = route.request().headers();
    if (route.request().method() !== "POST" || !headers["next-action"]) return route.continue();
    captured = { id: headers["next-action"], contentType: headers["content-type"] ?? "" };
    await route.abort();
  });
  await login(page, newEmail("edge-capture"), "not the password at all");
  await expect.poll(() => captured).toBeDefined();
  return captured!;
}

test.describe("the shared server: plain http, one trusted proxy", () => {
  test("without https the session cookie is HttpOnly and SameSite=Lax, and not marked Secure", async ({ baseURL }) => {
    const signIn = await credentialsSignIn(baseURL!, demo, visitorHeaders());
    const session = named(signIn.cookies, "session");
    expect(session, signIn.cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes(session!)).not.toContain("secure");
    expect(attributes(named(signIn.csrfCookies, "authjs.csrf-token")!)).not.toContain("secure");
  });

  test("prefetch requests carry the CSP and a request id too", async ({ baseURL }) => {
    const response = await fetch(`${baseURL}/login`, { headers: { "next-router-prefetch": "1", rsc: "1", purpose: "prefetch" } });
    expect(response.headers.get("content-security-policy")).toContain("script-src");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  test("a server action posted from another origin (or Origin: null) is refused and changes nothing", async ({ page, baseURL }) => {
    await page.setExtraHTTPHeaders(visitorHeaders());
    const email = await registeredUser(page, "edge-csrf");
    await login(page, email);
    await expect(page).toHaveURL(/\/account/);

    let saved: { headers: Record<string, string>; body: string } | undefined;
    await page.route("**/account", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      saved = { headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    });
    await page.getByLabel("First name").fill("Mallory");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect.poll(() => saved).toBeDefined();
    await page.unroute("**/account");

    const replay = (origin: string) =>
      page.request.post(`${baseURL}/account`, {
        headers: {
          "next-action": saved!.headers["next-action"]!,
          "content-type": saved!.headers["content-type"]!,
          accept: "text/x-component",
          origin,
        },
        data: saved!.body,
      });
    expect((await replay("https://evil.example")).status()).toBe(403);
    expect((await replay("null")).status()).toBe(403);
    await page.goto("/account");
    await expect(page.getByLabel("First name")).toHaveValue("Grace");

    // The same request from the site's own origin goes through: the refusal above was the origin's doing.
    expect((await replay(new URL(baseURL!).origin)).status()).toBe(200);
    await page.goto("/account");
    await expect(page.getByLabel("First name")).toHaveValue("Mallory");
  });

  test("the Auth.js callback from another origin without a valid csrf token signs nobody in", async ({ baseURL }) => {
    const post = (body: URLSearchParams, cookie?: string) =>
      fetch(`${baseURL}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...visitorHeaders(),
          origin: "https://evil.example",
          "content-type": "application/x-www-form-urlencoded",
          ...(cookie ? { cookie } : {}),
        },
        body,
      });
    for (const origin of ["https://evil.example", "null"]) {
      const missing = await fetch(`${baseURL}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { ...visitorHeaders(), origin, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(demo),
      });
      expect(missing.headers.get("location")).toContain("error=MissingCSRF");
      expect(named(missing.headers.getSetCookie(), "session")).toBeUndefined();
    }
    const forged = await post(new URLSearchParams({ ...demo, csrfToken: "forged" }), "authjs.csrf-token=forged%7Cdeadbeef");
    expect(forged.headers.get("location")).toContain("error=MissingCSRF");
    expect(named(forged.headers.getSetCookie(), "session")).toBeUndefined();
  });
});

test.describe("a server reached directly behind a TLS front: https APP_URL, no trusted proxy", () => {
  test.describe.configure({ mode: "serial" });
  const port = 3202;
  const base = `http://127.0.0.1:${port}`;
  let server: OwnServer;
  let loginAction: { id: string; contentType: string };

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await browser.newPage({ extraHTTPHeaders: visitorHeaders() });
    loginAction = await captureLoginAction(page);
    await page.close();
    const dataDir = ".data/e2e-edge";
    const env = {
      ...serverEnv,
      DATABASE_URL: `pglite:${dataDir}`,
      APP_URL: "https://app.example",
      FORCE_HTTPS: "false",
      TRUST_PROXY_HOPS: "0",
    };
    prepareDatabase(dataDir, env, { demo: true });
    server = startServer(port, env);
    await waitUntilLive(port);
  });

  test.afterAll(async () => {
    server?.process.kill("SIGTERM");
    await server?.exited;
  });

  test("with an https public URL every auth cookie is __Host-, Secure, HttpOnly and SameSite=Lax", async () => {
    const signIn = await credentialsSignIn(base, demo, { "x-forwarded-proto": "https" });
    const session = named(signIn.cookies, "__Host-session");
    expect(session, signIn.cookies.join("\n")).toBeDefined();
    expect(attributes(session!)).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    expect(attributes(session!).some((part) => part.startsWith("domain="))).toBe(false);
    const csrf = named(signIn.csrfCookies, "__Host-authjs.csrf-token");
    expect(csrf, signIn.csrfCookies.join("\n")).toBeDefined();
    expect(attributes(csrf!)).toEqual(expect.arrayContaining(["secure", "httponly"]));
  });

  test("20 sign-ins claiming 20 different X-Forwarded-For addresses still hit the one per-address limit", async () => {
    test.setTimeout(120_000); // one bcrypt per attempt
    const codes: string[] = [];
    for (let attempt = 1; attempt <= 21; attempt++) {
      const signIn = await credentialsSignIn(
        base,
        { email: newEmail("edge-spoof"), password: "wrong password entirely" },
        { "x-forwarded-for": `198.51.100.${attempt}` },
      );
      codes.push(new URL(signIn.location, base).searchParams.get("code") ?? signIn.location);
    }
    expect(codes.slice(0, 5)).not.toContain("rate_limited");
    expect(codes.at(-1)).toBe("rate_limited");
  });

  test("oversized, unsized and unreadable bodies get a 4xx problem, logged as a warning", async () => {
    const huge = "x".repeat(1024 * 1024 + 1);
    const post = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
      fetch(`${base}${path}`, { method: "POST", redirect: "manual", ...init, headers: { origin: base, ...init.headers } });
    const action = { "next-action": loginAction.id, "content-type": loginAction.contentType, accept: "text/x-component" };

    const oversizedSignIn = await post("/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "a@example.com", password: huge }),
    });
    expect(oversizedSignIn.status).toBe(413);
    expect(oversizedSignIn.headers.get("content-type")).toBe("application/problem+json");
    expect((await post("/login", { headers: action, body: JSON.stringify([{ email: "a@example.com", password: huge }]) })).status).toBe(
      413,
    );

    const chunked = new ReadableStream({
      start: (controller) => (controller.enqueue(new TextEncoder().encode(JSON.stringify([{ password: huge }]))), controller.close()),
    });
    expect(
      (await post("/login", { headers: action, body: chunked, duplex: "half" } as RequestInit & { headers: Record<string, string> }))
        .status,
    ).toBe(413);

    const garbled = await post("/login", { headers: action, body: "{not json" });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ status: 400, detail: "The request body cannot be read." });
    const brokenMultipart = await post("/login", {
      headers: { ...action, "content-type": "multipart/form-data; boundary=edge" },
      body: '--edge\r\nContent-Disposition: form-data; name="0"\r\n\r\n[',
    });
    expect(brokenMultipart.status).toBe(400);

    const output = server.output();
    expect(output).toContain("request refused");
    expect(output).not.toContain("Body exceeded");
    expect(output).not.toMatch(/"level":(50|60)/);
  });
});
