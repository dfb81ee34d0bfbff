import { expect, test } from "@playwright/test";
import { apiCall, shot } from "./helpers";

// Review you can read: the dry run compares values and shows which cell changed; the version
// diff shows SQL word by word, whole, with authors by name and a restore that asks first.

test("[REVIEW] a dry run whose query now returns another revenue says differs and marks the changed cell", async ({ page }) => {
  const rows = (july: number) => ({ columns: ["month", "revenue"], rows: [{ month: "2026-07", revenue: july }, { month: "2026-08", revenue: 90210 }], row_count: 2 });
  // The tool is a read-only transform, so the dry run executes it for real: it now gives 178849.55.
  const source = await apiCall<{ id: string }>(page, "POST", "/agents/runs", {
    agent: "analytics",
    status: "succeeded",
    input: { task: "Monthly revenue" },
    tool_calls: [{ id: "c_rev", tool: "transform", arguments: { expression: JSON.stringify(rows(178849.55)) }, result: rows(182340.5) }],
  });
  const made = await apiCall<{ automation: { id: string; definition: { steps: { key: string }[] } } }>(page, "POST", `/agents/runs/${source.id}/crystallize?include=definition`, { name: "Revenue dry run" });
  const key = made.automation.definition.steps[0]!.key;

  await page.goto(`/automations/${made.automation.id}`);
  await page.getByRole("button", { name: "Dry-run" }).click();
  const dialog = page.getByRole("dialog", { name: "Dry-run against the source run" });
  await expect(dialog.getByRole("status")).toContainText("does not reproduce the source run: of 1 executed step, 0 equal, 1 differs");
  const item = dialog.getByRole("listitem", { name: `Step ${key}: differs` });
  await expect(item).toContainText("1 value differs");
  const table = item.getByRole("table", { name: `Rows of ${key}` });
  const changed = table.locator("td[data-changed]");
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("178849.55");
  await expect(changed.getByLabel("recorded")).toHaveText("182340.5");
  // The changed cell is row 1's revenue; row 2 is unchanged.
  await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("1");
  await expect(table.getByRole("row").nth(2).locator("[data-changed]")).toHaveCount(0);
  await expect(item.getByRole("list", { name: `Changed values of ${key}` })).toContainText("/rows/0/revenue");
  await shot(page, "60-review-dry-run-differs");

  await item.getByText("Whole outputs, changes highlighted").click();
  await expect(item.locator("[data-changed]").filter({ hasText: "178849.55" }).first()).toBeVisible();
  await shot(page, "61-review-dry-run-outputs");
  // The theme follows the system's at load.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: "Dry-run" }).click();
  await expect(changed).toContainText("178849.55");
  await shot(page, "65-review-dry-run-dark");
});

const SQL_V1 =
  "SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, round(sum(total_amount), 2) AS revenue\nFROM sales.orders\nWHERE ordered_at >= '2026-07-01' AND ordered_at < '2026-10-01' AND status <> 'cancelled'\nGROUP BY 1 ORDER BY 1";
const SQL_V2 = SQL_V1.replace("status <> 'cancelled'", "status NOT IN ('cancelled', 'refunded')");

test("[REVIEW] the version diff shows a changed SQL word by word and whole, authors by name, and restore asks first", async ({ page, baseURL }) => {
  const step = (sql: string, extra: Record<string, unknown> = {}) => ({ key: "revenue", name: "Monthly revenue", type: "action", action_kind: "run_sql", inputs: { sql, data_source: "demo_warehouse" }, ...extra });
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Revenue versions",
    definition: { steps: [step(SQL_V1), { key: "orders", type: "action", action_kind: "transform", inputs: { expression: "1" } }] },
    message: "First cut",
  });
  // Saved as the signed-in owner, so v2's author is a person.
  const res = await page.request.fetch(`/api/v1/automations/${a.id}`, {
    method: "PATCH",
    headers: { origin: baseURL!, "content-type": "application/json" },
    data: JSON.stringify({
      base_version: 1,
      message: "Leave refunds out",
      definition: {
        steps: [{ key: "orders", type: "action", action_kind: "transform", inputs: { expression: "1" } }, step(SQL_V2, { source: { tool_call_id: "tc_internal_1" } })],
        parameters: [{ name: "region", type: "string", default: "EMEA" }],
      },
    }),
  });
  expect(res.status(), await res.text()).toBe(200);

  await page.goto(`/automations/${a.id}`);
  await page.getByRole("button", { name: "Versions" }).click();
  const dialog = page.getByRole("dialog", { name: "Version history" });
  const versions = dialog.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem", { name: "Version 2" })).toContainText("Ada Owner");
  await expect(versions.getByRole("listitem", { name: "Version 1" })).toContainText("Bootstrap key");
  await expect(versions).not.toContainText("user:");

  const revenue = dialog.getByRole("region", { name: "Step revenue" });
  await expect(revenue).toContainText("changed");
  await expect(revenue).toContainText("moved from position 1 to 2");
  const sql = revenue.getByRole("group", { name: "/sql" });
  const before = sql.getByLabel("v1", { exact: true });
  const after = sql.getByLabel("v2", { exact: true });
  // Each side holds its whole text: nothing cut where it changed.
  await expect(before).toHaveText(SQL_V1);
  await expect(after).toHaveText(SQL_V2);
  await expect(before.locator("del")).toHaveText(["<>"]);
  await expect(after.locator("ins")).toHaveText(["NOT", "IN (", ", 'refunded')"]);
  await expect(dialog.getByRole("region", { name: "Parameters and settings" })).toContainText('parameter region (string, default "EMEA") added');
  // The source call is an internal: hidden until asked for.
  await expect(dialog).not.toContainText("tc_internal_1");
  await shot(page, "62-review-version-diff");

  await dialog.getByLabel("Show internals").check();
  await expect(revenue.getByRole("group", { name: "Internals of revenue" })).toContainText("tc_internal_1");

  await versions.getByRole("listitem", { name: "Version 1" }).getByRole("button", { name: "Restore" }).click();
  const confirm = dialog.getByRole("alertdialog", { name: "Restore v1?" });
  await expect(confirm).toHaveText(/Restore v1\? This saves v1's steps as a new draft version v3\. The live version keeps running until you publish\./);
  await shot(page, "63-review-restore-confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("button", { name: "Versions" }).click();
  await expect(after.locator("ins")).toHaveText(["NOT", "IN (", ", 'refunded')"]);
  await shot(page, "64-review-version-diff-dark");
  await dialog.getByRole("button", { name: "Close" }).click();
  // With an edit not yet saved, the confirmation says the restore discards it.
  await page.getByLabel("Select a step to edit").selectOption("orders");
  await page.getByRole("complementary", { name: "Step orders" }).getByLabel("Name").fill("Order count");
  await page.getByRole("button", { name: "Versions" }).click();
  await versions.getByRole("listitem", { name: "Version 1" }).getByRole("button", { name: "Restore" }).click();
  await expect(confirm).toContainText("Your unsaved changes in the editor are discarded.");
  await shot(page, "66-review-restore-over-unsaved");
  await confirm.getByRole("button", { name: "Discard changes and restore v1" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  const list = await apiCall<{ data: { version: number; restored_from: number | null }[] }>(page, "GET", `/automations/${a.id}/versions`);
  expect(list.data[0]).toMatchObject({ version: 3, restored_from: 1 });
});
