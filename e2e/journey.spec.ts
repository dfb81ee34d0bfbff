import { expect, test } from "@playwright/test";
import { demoCalendar } from "../lib/demo/demo-calendar";
import { canvasEdges, canvasNodes, OWNER, shot } from "./helpers";

// The whole journey of the product brief, in a real browser on a fresh install.
test("sign up, crystallize the revenue run, edit, save, activate, run, see the dashboard", async ({ page }) => {
  // 1. First visit: nobody exists yet, so sign-in sends us to the owner sign-up.
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign up" }).click();

  await expect(page.getByRole("heading", { name: "Run history" })).toBeVisible();
  const revenue = page.getByRole("link", { name: "analytics-agent" });
  await expect(revenue).toBeVisible();
  await shot(page, "01-run-history");

  await revenue.click();
  await expect(page.getByRole("heading", { name: "Tool calls" })).toBeVisible();
  await expect(page.locator("ol li").filter({ hasText: "generate_query" })).toHaveCount(2);
  await shot(page, "02-run-detail");

  // 2. Crystallize: three steps, the two model-written queries flagged.
  await page.getByRole("button", { name: "Crystallize" }).click();
  const dialog = page.getByRole("dialog", { name: "Crystallize into an automation" });
  await dialog.getByLabel("Name").fill("Q1 revenue dashboard");
  await dialog.getByRole("button", { name: "Crystallize" }).click();
  await expect(page).toHaveURL(/\/automations\/auto_/);
  await expect(canvasNodes(page)).toHaveCount(3);
  await expect(page.locator('[data-flagged="unreviewed"]')).toHaveCount(2);
  await expect(page.getByTestId("nondeterministic-count")).toContainText("2 of 2 flagged to review");
  await expect(canvasEdges(page)).toHaveCount(2);
  await expect(page.locator(".react-flow__edge-text").first()).toContainText("→");
  await shot(page, "03-canvas");

  // 3. Edit the orders query in the side panel and save version 2.
  const queries = page.locator('[data-flagged="unreviewed"]');
  const orderKey = await page.locator(".react-flow__node", { hasText: "generate_query" }).nth(1).getAttribute("data-id");
  await page.locator(`.react-flow__node[data-id="${orderKey}"]`).click();
  const panel = page.getByRole("complementary", { name: `Step ${orderKey}` });
  // The query's dates roll with the calendar: its sql is a template now.
  const sql = panel.getByRole("textbox", { name: "sql" });
  await expect(sql).toHaveValue(/count\(\*\) AS orders/);
  await sql.fill((await sql.inputValue()).replace("count(*) AS orders", "count(*) FILTER (WHERE status <> 'cancelled') AS orders"));
  await expect(page.getByTestId("version")).toContainText("unsaved changes");
  await shot(page, "04-side-panel");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Count only orders that were not cancelled");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");

  // 4. Review both queries, activate, and run now.
  for (let i = 0; i < 2; i++) {
    await queries.first().click();
    await page.getByRole("button", { name: "Mark reviewed" }).click();
    await expect(page.getByTestId("version")).toHaveText(`v${3 + i}`);
  }
  await expect(page.locator('[data-flagged="reviewed"]')).toHaveCount(2);
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  const activate = page.getByRole("dialog", { name: "Activate" });
  await expect(activate.getByText("Everything checks out")).toBeVisible();
  await activate.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Run now" }).click();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/arun_/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(page.locator('[data-status="succeeded"]')).toHaveCount(3);
  await shot(page, "05-run-succeeded");

  // 5. The dashboard the run wrote has charts with data.
  await page.getByRole("link", { name: "Dashboards" }).click();
  await page.getByRole("link", { name: /Revenue and orders, last quarter/ }).click();
  await expect(page.getByRole("heading", { name: "Revenue and orders, last quarter" })).toBeVisible();
  await expect(page.locator(".recharts-line-curve")).toHaveCount(1);
  await expect(page.locator(".recharts-bar-rectangle")).toHaveCount(3);
  const orders = page.getByRole("region", { name: "Orders per month" });
  await orders.getByText("Data").click();
  await expect(orders.locator("tbody tr")).toHaveCount(3);
  // The demo warehouse and the run roll with the calendar: these are last quarter's months.
  await expect(orders.locator("tbody")).toContainText(demoCalendar().previousMonths[2]!);
  await shot(page, "06-dashboard");
});
