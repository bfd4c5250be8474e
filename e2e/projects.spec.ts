import { expect, test } from "@playwright/test";
import { expectAccessible, snapshot, visitorHeaders, watchPage } from "./support";
import { login, registeredUser } from "./users";

// The record screens, from the projects module's declaration: the seeded list, filters in the URL, the
// create modal, the project's own page with its tasks, and another person's project staying out of reach.

test.describe.configure({ timeout: 120_000 });

test("projects: list, filter, create in the modal, tasks on the project page, undo, and another person's 404", async ({
  page,
  browser,
}) => {
  const watch = watchPage(page);
  await page.setExtraHTTPHeaders(visitorHeaders());
  await login(page, "demo@example.com", "paper boats drift at noon");
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });

  // The navbar shows the module's entry; the list's first paint has the seeded projects.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  const rows = page.getByTestId("record-row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("status").filter({ hasText: "3 projects" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "projects-list");

  // Filters, sort and search live in the URL.
  await page.goto("/projects?status=on_hold");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Office move");
  await expect(page.getByLabel("Status")).toHaveValue("on_hold");
  await page.goto("/projects?sort=name&dir=asc");
  await expect(rows.first()).toContainText("Annual report");
  await expect(page.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("columnheader", { name: "Name" }).getByRole("link").click();
  // Descending is the default direction, so the URL leaves it out.
  await expect(page).toHaveURL(/\/projects\?sort=name$/);
  await expect(rows.first()).toContainText("Website relaunch");
  await page.getByLabel("Search").fill("relaunch");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=relaunch/);
  await expect(rows).toHaveCount(1);
  await page.goto("/projects?status=lost&page=0");
  const invalid = page.locator("div.alert[role=alert]");
  await expect(invalid).toContainText("status");
  await expect(invalid).toContainText("page");

  // Create in the modal: the schema's error first, then the project appears without a page load.
  await page.goto("/projects");
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Give the project a name.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await snapshot(page, "projects-modal");
  await dialog.getByLabel("Name").fill("Garden shed");
  await dialog.getByLabel("Description").fill("Four walls and a roof for the tools.");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows.filter({ hasText: "Garden shed" })).toHaveCount(1);
  await expect(rows).toHaveCount(4);
  expect(await page.evaluate(() => "samePage" in window)).toBe(true);

  // The project's own page: add a task, change its status in place, delete it and undo.
  await page.getByRole("link", { name: "Garden shed" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Garden shed");
  const projectUrl = page.url();
  await expect(page.getByTestId("empty-state")).toContainText("No tasks yet");
  await page.getByRole("button", { name: "New task" }).click();
  const taskDialog = page.getByRole("dialog", { name: "New task" });
  await taskDialog.getByLabel("Title").fill("Buy timber");
  await taskDialog.getByLabel("Due").fill("2030-05-01");
  await taskDialog.getByLabel("Assignee").selectOption({ label: "Dana Demo" });
  await taskDialog.getByRole("button", { name: "Create task" }).click();
  await expect(taskDialog).toBeHidden();
  const task = page.getByTestId("record-row").filter({ hasText: "Buy timber" });
  await expect(task).toContainText("Dana Demo");
  await expect(task).toContainText("2030-05-01");

  await task.getByLabel("Status of Buy timber").selectOption("doing");
  await expect(task.getByLabel("Status of Buy timber")).toHaveValue("doing");
  await page.getByRole("link", { name: "Doing", exact: true }).click();
  await expect(page).toHaveURL(/status=doing/);
  await expect(page.getByRole("link", { name: "Doing", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(task.getByLabel("Status of Buy timber")).toHaveValue("doing");
  await page.getByRole("link", { name: "To do", exact: true }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No tasks are to do");
  await page.getByRole("link", { name: "All", exact: true }).click();

  await task.getByRole("button", { name: "Delete Buy timber" }).click();
  await expect(task).toHaveCount(0);
  const toast = page.getByTestId("toast").filter({ hasText: "Task deleted." });
  await expect(toast).toBeVisible();
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(task).toHaveCount(1);
  await expect(page.getByTestId("toast").filter({ hasText: "Task restored." })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "project-page");
  expect(await page.evaluate(() => "samePage" in window)).toBe(true);
  watch.assertClean();

  // Someone else: the project is a 404 and is not in their list.
  const other = await browser.newContext({ extraHTTPHeaders: visitorHeaders() });
  const stranger = await other.newPage();
  const email = await registeredUser(stranger, "projects");
  await login(stranger, email);
  await expect(stranger).toHaveURL(/\/account$/, { timeout: 20_000 });
  const response = await stranger.goto(projectUrl);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await stranger.goto("/projects");
  await expect(stranger.getByTestId("empty-state")).toContainText("No projects yet");
  await expect(stranger.getByText("Garden shed")).toHaveCount(0);
  await other.close();
});
