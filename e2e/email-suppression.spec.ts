import { expect, test } from "@playwright/test";
import { signedHeaders } from "../tests/helpers/svix";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext } from "./two-factor-support";

// A hard bounce reported by Resend's webhook suppresses the address; the administrator sees it in the console
// and lifts it (audited). Unsigned deliveries are refused.

const secret = process.env.E2E_RESEND_WEBHOOK_SECRET!;

test("a bounce from the webhook suppresses the address, and an administrator lifts it", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const address = `bounced-${Date.now().toString(36)}@example.com`;
  const body = JSON.stringify({
    type: "email.bounced",
    created_at: new Date().toISOString(),
    data: {
      email_id: `re_e2e_${Date.now()}`,
      to: [address],
      bounce: { type: "Permanent", subType: "General", message: "550 5.1.1 user unknown" },
    },
  });
  const unsigned = await request.post("/api/webhooks/resend", { data: body, headers: { "content-type": "application/json" } });
  expect(unsigned.status()).toBe(401);
  const headers = signedHeaders(body, { secret });
  const accepted = await request.post("/api/webhooks/resend", { data: body, headers });
  expect(accepted.status(), await accepted.text()).toBe(200);
  expect(await (await request.post("/api/webhooks/resend", { data: body, headers })).json()).toMatchObject({ duplicate: true });

  const { context, page } = await adminContext(browser, visitorHeaders());
  const watch = watchPage(page);
  await page.goto("/admin/emails");
  await page.getByRole("link", { name: "suppressed addresses" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suppressed addresses");
  const row = page.getByTestId("suppression-row").filter({ hasText: address });
  await expect(row).toContainText("hard bounce");
  await expect(row).toContainText("550 5.1.1 user unknown");
  await expectAccessible(page);
  await snapshot(page, "email-suppressions");

  await row.getByRole("button", { name: "Lift" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Lift the suppression" }).click();
  await expect(page.getByText("The address receives mail again.")).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.goto("/admin/audit?action=email.suppression_lifted");
  await expect(page.getByRole("table")).toContainText("lifted");
  watch.assertClean();
  await context.close();
});
