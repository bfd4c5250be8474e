import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN_ROLE } from "@/lib/authz/admin-role";
import { system } from "@/modules";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { adminContext, MANAGER, twoFactorContext } from "./two-factor-support";
import { login, registeredUser } from "./users";

test.describe.configure({ timeout: 180_000 });
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(visitorHeaders()));

const toast = (page: Page) => page.getByTestId("toast").last();

async function confirmDialog(page: Page, button: string) {
  await page.getByRole("dialog").getByRole("button", { name: button }).click();
}

async function signedIn(browser: Browser, role: "admin" | "manager" | "user") {
  if (role === "admin") return adminContext(browser, visitorHeaders());
  if (role === "manager") return twoFactorContext(browser, visitorHeaders(), MANAGER);
  const context = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const page = await context.newPage();
  await login(page, "demo@example.com", "paper boats drift at noon");
  await expect(page).toHaveURL(/\/account$/);
  return { context, page };
}

test.describe("admin console", () => {
  test("an admin finds a user, edits roles, disables and re-enables them, signs them out, and exports the audit log", async ({
    page,
    browser,
  }) => {
    const email = await registeredUser(page, "managed");
    await login(page, email);
    await expect(page).toHaveURL(/\/account$/);

    const { context, page: admin } = await signedIn(browser, "admin");
    const watch = watchPage(admin);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await snapshot(admin, "admin-dashboard");
    await expectAccessible(admin);

    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" }).click();
    await admin.getByLabel("Search").fill(email);
    await admin.getByRole("button", { name: "Apply" }).click();
    await expect(admin.getByTestId("user-row")).toHaveCount(1);
    await snapshot(admin, "admin-users");
    await expectAccessible(admin);
    await admin.getByTestId("user-row").getByRole("link").click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Grace Tester");
    const userId = admin.url().split("/").pop()!;

    await admin.getByLabel("manager", { exact: true }).check();
    await admin.getByRole("button", { name: "Save roles" }).click();
    await expect(toast(admin)).toContainText("The roles are saved");
    await admin.reload();
    await expect(admin.getByLabel("manager", { exact: true })).toBeChecked();
    await snapshot(admin, "admin-user");
    await expectAccessible(admin);

    await admin.getByRole("button", { name: "Disable" }).click();
    await snapshot(admin, "admin-confirm-disable");
    await confirmDialog(admin, "Disable");
    await expect(toast(admin)).toContainText("disabled and signed out");
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
    await login(page, email);
    await expect(page.locator("div.alert[role=alert]")).toContainText("disabled");

    await admin.getByRole("button", { name: "Enable" }).click();
    await expect(toast(admin)).toContainText("The user is enabled");
    await login(page, email);
    // The manager role grants console permissions, so two-factor is owed before anything else.
    await expect(page).toHaveURL(/\/account\/two-factor$/);

    await admin.getByRole("button", { name: "Sign out everywhere" }).click();
    await confirmDialog(admin, "Sign out everywhere");
    await expect(toast(admin)).toContainText("Signed out of 1 session");
    await page.reload();
    await expect(page).toHaveURL(/\/login/);

    await admin.goto(`/admin/audit?target=${userId}`);
    const disabled = admin.getByTestId("audit-row").filter({ hasText: "Admin disabled a user" });
    await expect(disabled).toHaveCount(1);
    await expect(disabled).toContainText(/ACTIVE\s*→\s*DISABLED/);
    await expect(admin.getByTestId("audit-row").filter({ hasText: "Admin changed roles" })).toContainText(/→\s*manager/);
    await expect(admin.getByLabel("Action").locator("option", { hasText: "Password reset requested" })).toHaveCount(1);
    await snapshot(admin, "admin-audit");
    await expectAccessible(admin);
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "Export CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("time,action,actor_id,actor_email,target_type,target_id,ip_address,user_agent,details");
    for (const action of ["admin.user_roles", "admin.user_disable", "admin.user_enable", "admin.user_sessions_revoke"])
      expect(csv).toContain(action);
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toContain(`,user,${userId},`); // the target filter held

    await admin.goto("/admin/roles");
    await snapshot(admin, "admin-roles");
    await expectAccessible(admin);

    // A role created in place joins the matrix without a reload, and its column saves.
    const roleName = `auditors-${Date.now().toString(36)}`;
    await expect(admin.getByRole("button", { name: "Create role" })).toBeEnabled();
    await admin.locator("#new-role-name").fill(roleName);
    await admin.getByRole("button", { name: "Create role" }).click();
    await admin.getByRole("checkbox", { name: `${roleName}: audit:read` }).check();
    await admin.getByRole("button", { name: `Save ${roleName}` }).click();
    await expect(toast(admin)).toContainText(roleName);
    await admin.reload();
    await expect(admin.getByRole("checkbox", { name: `${roleName}: audit:read` })).toBeChecked();
    watch.assertClean();
    await context.close();
  });

  test("the outbox: an admin finds a person's email by recipient and state, from the dashboard", async ({ page, browser }) => {
    const email = await registeredUser(page, "outbox");
    const { context, page: admin } = await signedIn(browser, "admin");
    const watch = watchPage(admin);
    await admin.goto("/admin");
    await admin.getByTestId("stat-undeliverable-emails").click();
    await expect(admin).toHaveURL(/\/admin\/emails\?status=dead$/);
    await expect(admin.getByLabel("State")).toHaveValue("dead");

    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Emails" }).click();
    await admin.getByLabel("Recipient or subject").fill(email);
    await admin.getByLabel("State").selectOption("sent");
    await admin.getByRole("button", { name: "Apply" }).click();
    const rows = admin.getByTestId("email-row");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Confirm your email address");
    await expect(rows).toContainText("sent");
    await expect(rows.getByRole("button")).toHaveCount(0); // nothing to retry or cancel once sent
    await snapshot(admin, "admin-emails");
    await expectAccessible(admin);

    await admin.getByLabel("State").selectOption("failed");
    await admin.getByRole("button", { name: "Apply" }).click();
    await expect(admin.locator("p[role=status]")).toHaveText("0 emails");
    watch.assertClean();
    await context.close();
  });

  test("the last administrator cannot lose the role, and nobody grants what they do not hold", async ({ browser }) => {
    const { context, page: admin } = await signedIn(browser, "admin");
    await admin.goto("/admin/users?q=admin%40example.com");
    await admin.getByTestId("user-row").getByRole("link").click();
    await admin.getByLabel("admin", { exact: true }).uncheck();
    await admin.getByRole("button", { name: "Save roles" }).click();
    await expect(toast(admin)).toContainText("last active administrator");
    await admin.reload();
    await expect(admin.getByLabel("admin", { exact: true })).toBeChecked();
    await context.close();

    const { context: managerContext, page: manager } = await signedIn(browser, "manager");
    await manager.goto("/admin/roles");
    const box = manager.getByRole("checkbox", { name: "manager: roles:manage" });
    await expect(box).toBeDisabled();
    await expect(box).toHaveAccessibleDescription(/needs the roles:manage permission/);
    await snapshot(manager, "admin-roles-manager");
    await managerContext.close();
  });

  test("a manager cannot act on an administrator, and the page says why", async ({ browser, baseURL }) => {
    const { context, page: manager } = await signedIn(browser, "manager");
    await manager.goto("/admin/users?q=admin%40example.com");
    await manager.getByTestId("user-row").getByRole("link").click();
    await expect(manager.getByRole("heading", { level: 1 })).toHaveText("Ada Admin");
    const adminId = manager.url().split("/").pop()!;
    await expect(
      manager.getByText(/Ada can do things you cannot \(.*roles:manage.*\), so you can look but not change this account/).first(),
    ).toBeVisible();
    await expect(manager.getByRole("button", { name: "Disable" })).toHaveCount(0);
    await expect(manager.getByRole("button", { name: "Save profile" })).toHaveCount(0);
    await expect(manager.getByLabel("First name")).toBeDisabled();
    await snapshot(manager, "admin-user-outranked");
    await expectAccessible(manager);
    // And the server refuses it when posted directly.
    const ids = actionIds();
    for (const name of ["disableUserAction", "revokeSessionsAction", "resetTwoFactorAction"]) {
      const answer = await callAction(context.request, ids.get(`app/admin/users/actions.ts#${name}`)!, { userId: adminId }, baseURL!);
      expect(answer, name).toContain("You do not have permission to do that.");
    }
    await context.close();
  });
});

// ---- The permission matrix, through real requests -------------------------------------------------------

/** Server actions by name, from the build's manifest: the ids a browser would post. */
function actionIds(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, id]));
}

const NO_USER = "nosuchuser000000";
const NO_ROLE = "nosuchrole000000";
/** Each admin action with the permission it needs, and an input that changes nothing when it is allowed. */
const actions: { name: string; permission: string; input: unknown; allowedAnswer: RegExp }[] = [
  {
    name: "app/admin/users/actions.ts#updateUserProfileAction",
    permission: "users:update",
    input: { userId: NO_USER, firstName: "A", lastName: "B", dateOfBirth: "" },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#setUserRolesAction",
    permission: "users:assign_roles",
    input: { userId: NO_USER, roleIds: [] },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#disableUserAction",
    permission: "users:disable",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#enableUserAction",
    permission: "users:disable",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#unlockUserAction",
    permission: "users:disable",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#markVerifiedAction",
    permission: "users:update",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#sendResetLinkAction",
    permission: "users:security",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#revokeSessionsAction",
    permission: "users:security",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#resetTwoFactorAction",
    permission: "users:security",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#deleteUserAction",
    permission: "users:delete",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/users/actions.ts#purgeUserAction",
    permission: "users:purge",
    input: { userId: NO_USER },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/roles/actions.ts#createRoleAction",
    permission: "roles:manage",
    input: { name: "admin", description: "" },
    allowedAnswer: /exists already/,
  },
  {
    name: "app/admin/roles/actions.ts#updateRoleAction",
    permission: "roles:manage",
    input: { roleId: NO_ROLE, name: "some-role", description: "" },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/roles/actions.ts#deleteRoleAction",
    permission: "roles:manage",
    input: { roleId: NO_ROLE },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/roles/actions.ts#setRolePermissionsAction",
    permission: "roles:manage",
    input: { roleId: NO_ROLE, permissions: [] },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/emails/actions.ts#retryEmailAction",
    permission: "email:manage",
    input: { id: "nosuchemail00000" },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/emails/actions.ts#cancelEmailAction",
    permission: "email:manage",
    input: { id: "nosuchemail00000" },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/emails/suppressions/actions.ts#liftSuppressionAction",
    permission: "email:manage",
    input: { id: "nosuchsuppression0" },
    allowedAnswer: /does not exist/,
  },
  {
    name: "app/admin/emails/actions.ts#composeEmailAction",
    permission: "email:send",
    input: { subject: "Nothing", markdown: "Nothing", audience: "role", roleId: NO_ROLE },
    allowedAnswer: /That role does not exist/,
  },
  {
    name: "app/admin/emails/actions.ts#cancelSendAction",
    permission: "email:send",
    input: { id: "nosuchsend000000" },
    allowedAnswer: /does not exist/,
  },
];
const pages = [
  { path: "/admin", permission: "admin:access" },
  { path: "/admin/users", permission: "users:read" },
  { path: "/admin/roles", permission: "roles:read" },
  { path: "/admin/audit", permission: "audit:read" },
  { path: "/admin/emails", permission: "email:read" },
  { path: "/admin/emails/suppressions", permission: "email:read" },
  { path: "/admin/emails/new", permission: "email:send" },
];

function holds(role: string, permission: string): boolean {
  return role === ADMIN_ROLE || !!system.defaultGrants.get(role)?.has(permission);
}

async function callAction(request: APIRequestContext, id: string, input: unknown, baseURL: string): Promise<string> {
  const response = await request.post("/admin", {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
    data: JSON.stringify([input]),
  });
  return response.text();
}

for (const role of ["user", "manager", "admin"] as const) {
  test(`permission matrix: the ${role} role is allowed exactly what it is granted`, async ({ browser, baseURL }) => {
    expect(system.permissions.length).toBeGreaterThan(0);
    const { context, page } = await signedIn(browser, role);
    const ids = actionIds();

    for (const { path, permission } of pages) {
      const response = await page.goto(path);
      // Every admin page also needs admin:access (the console's frame checks it).
      const allowed = holds(role, "admin:access") && holds(role, permission);
      expect(response?.status(), `${role} GET ${path}`).toBe(allowed ? 200 : 403);
    }
    const detail = await page.goto(`/admin/users/${NO_USER}`);
    expect(detail?.status(), `${role} GET a user's page`).toBe(holds(role, "admin:access") && holds(role, "users:read") ? 404 : 403);

    // Exports are same-origin POSTs: a link (GET) or a cross-site form cannot start one.
    expect((await context.request.get("/admin/audit/export")).status(), `${role} GET /admin/audit/export`).toBe(405);
    expect(
      (await context.request.post("/admin/audit/export", { headers: { Origin: "https://evil.example" }, form: {} })).status(),
      `${role} cross-site POST`,
    ).toBe(403);
    const exported = await context.request.post("/admin/audit/export", { headers: { Origin: baseURL! }, form: {} });
    expect(exported.status(), `${role} POST /admin/audit/export`).toBe(holds(role, "audit:export") ? 200 : 403);
    if (!holds(role, "audit:export")) expect(exported.headers()["content-type"]).toContain("application/problem+json");

    for (const action of actions) {
      const id = ids.get(action.name);
      expect(id, `${action.name} is in the build`).toBeTruthy();
      const answer = await callAction(context.request, id!, action.input, baseURL!);
      if (holds(role, action.permission)) expect(answer, `${role} may ${action.name}`).toMatch(action.allowedAnswer);
      else expect(answer, `${role} may not ${action.name}`).toContain("You do not have permission to do that.");
    }
    await context.close();
  });
}
