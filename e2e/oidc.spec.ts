import { expect, test, type Page } from "@playwright/test";
import { OAuth2Server } from "oauth2-mock-server";
import { oidcIssuerUrl, oidcProviderName } from "../playwright.config";
import { codeAt, CHALLENGE, enrol, passCode, signOut } from "./two-factor-support";
import { expectAccessible, snapshot, watchPage } from "./support";
import { formAlert, formStatus, login, newEmail, registeredUser } from "./users";

// Sign-in through an OpenID Connect issuer, offline: oauth2-mock-server plays the issuer on a local port (the
// app's AUTH_OIDC_* point at it, playwright.config.ts). It approves every authorization at once; the claims it
// signs into the ID token are whatever `person` says, so each test chooses who the issuer vouches for.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const issuer = new OAuth2Server();
let person: Record<string, unknown> = {};

test.beforeAll(async () => {
  await issuer.issuer.keys.generate("RS256");
  issuer.service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, person));
  const { port } = new URL(oidcIssuerUrl);
  issuer.issuer.url = oidcIssuerUrl;
  await issuer.start(Number(port), "127.0.0.1");
});
test.afterAll(async () => {
  await issuer.stop();
});

/** The issuer will vouch for this person (a new subject each time unless given). */
function vouchFor(email: string, claims: Record<string, unknown> = {}) {
  person = {
    sub: `sub-${Math.random().toString(36).slice(2)}`,
    email,
    email_verified: true,
    given_name: "Ada",
    family_name: "Oidc",
    ...claims,
  };
  return person;
}

/** Out to the issuer and back (discovery, authorization, callback, token): seconds on a busy two-core machine. */
const roundTrip = { timeout: 30_000 };
const providerButton = (page: Page) => page.getByRole("button", { name: `Continue with ${oidcProviderName}` });
const methods = (page: Page) => page.getByRole("region", { name: "Sign-in methods" });

test.describe("OIDC sign-in and linking", () => {
  test("a new person signs up through the issuer; their only sign-in method cannot be removed", async ({ page }) => {
    const watched = watchPage(page);
    await page.goto("/login");
    await expect(providerButton(page)).toBeVisible();
    await snapshot(page, "oidc-login");
    await expectAccessible(page);

    // An address the issuer does not vouch for makes no account.
    const unverified = newEmail("oidc-unverified");
    vouchFor(unverified, { email_verified: false });
    await providerButton(page).click();
    await expect(page).toHaveURL(/\/login\?error=provider_email_unverified/, roundTrip);
    await expect(formAlert(page)).toContainText(`${oidcProviderName} has not confirmed an email address for you`);

    const email = newEmail("oidc-new");
    vouchFor(email);
    await providerButton(page).click();
    await expect(page).toHaveURL(/\/account$/, roundTrip);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.locator("p", { hasText: "Signed in as" }).getByText("verified")).toBeVisible();
    await expect(methods(page).getByTestId("sign-in-method")).toHaveText([
      /Password\s*None yet/,
      new RegExp(`${oidcProviderName}\\s*${email}`),
    ]);
    await expect(page.getByRole("region", { name: "Password" })).toContainText("have no password");

    await methods(page)
      .getByRole("button", { name: `Remove ${oidcProviderName}` })
      .click();
    await expect(methods(page).locator("div.alert[role=alert]")).toContainText(`${oidcProviderName} is your only way to sign in`);
    await methods(page).scrollIntoViewIfNeeded();
    await snapshot(page, "oidc-account-sign-in-methods");
    await page.reload();
    await expect(methods(page).getByTestId("sign-in-method")).toHaveCount(2);
    watched.assertClean();
  });

  test("an existing account's address is refused without linking; signed in, its owner connects the issuer and then signs in with it", async ({
    page,
    browser,
  }) => {
    const email = await registeredUser(page, "oidc-owner");
    const claims = vouchFor(email);
    await page.goto("/login");
    await providerButton(page).click();
    await expect(page).toHaveURL(/\/login\?error=provider_email_in_use/, roundTrip);
    await expect(formAlert(page)).toContainText(
      `An account with this email address already exists. Sign in with your password, then connect ${oidcProviderName} from your account page.`,
    );
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/); // refused: no session was made

    await login(page, email);
    await expect(page).toHaveURL(/\/account$/, roundTrip);
    await methods(page)
      .getByRole("button", { name: `Connect ${oidcProviderName}` })
      .click();
    await expect(page).toHaveURL(/provider_done=link/, roundTrip);
    await expect(formStatus(page)).toContainText(`${oidcProviderName} is connected`);
    await expect(methods(page).getByTestId("sign-in-method")).toHaveText([/Password\s*Set/, new RegExp(`${oidcProviderName}\\s*${email}`)]);

    // With a password left, the link may go; connect it again for the sign-in below.
    await methods(page)
      .getByRole("button", { name: `Remove ${oidcProviderName}` })
      .click();
    await expect(formStatus(page)).toContainText(`${oidcProviderName} is removed`);
    await expect(methods(page).getByTestId("sign-in-method")).toHaveCount(1);
    await methods(page)
      .getByRole("button", { name: `Connect ${oidcProviderName}` })
      .click();
    await expect(page).toHaveURL(/provider_done=link/, roundTrip);

    const other = await browser.newContext();
    const fresh = await other.newPage();
    person = claims;
    await fresh.goto("/login");
    await providerButton(fresh).click();
    await expect(fresh).toHaveURL(/\/account$/, roundTrip);
    await expect(fresh.getByText(`Signed in as ${email}`)).toBeVisible();
    await other.close();
  });

  test("two-factor is still asked after signing in through the issuer", async ({ page }) => {
    const email = await registeredUser(page, "oidc-2fa");
    await login(page, email);
    await expect(page).toHaveURL(/\/account$/, roundTrip);
    await page.goto("/account/two-factor");
    const { secret } = await enrol(page);
    const claims = vouchFor(email);
    await methods(page)
      .getByRole("button", { name: `Connect ${oidcProviderName}` })
      .click();
    await expect(page).toHaveURL(/provider_done=link/, roundTrip);
    await signOut(page);

    person = claims;
    await page.goto("/login");
    await providerButton(page).click();
    await expect(page).toHaveURL(CHALLENGE, roundTrip);
    await page.goto("/account");
    await expect(page).toHaveURL(CHALLENGE); // nothing else until the code
    await passCode(page, await codeAt(secret, 1));
    await expect(page).toHaveURL(/\/account$/, roundTrip);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  // The button's form posts natively and is answered with a redirect to the issuer: Chrome holds that redirect
  // to the CSP's form-action, which must name the issuer's origin.
  test("the provider button's form reaches the issuer under the CSP", async ({ page }) => {
    const email = newEmail("oidc-nojs");
    vouchFor(email);
    await page.goto("/login");
    await providerButton(page).click();
    await expect(page).toHaveURL(/\/account$/, roundTrip);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});
