import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { apiCall, shot } from "./helpers";

// Tomorrow's run does tomorrow's work: a date the agent used becomes a relative date the reviewer
// accepts, and a parameter added in the panel is what Run now asks for.

test("a relative-date suggestion shows recorded → now, and is accepted by review", async ({ page }) => {
  // An agent asked for "last month" a month ago: the dates it wrote are last month's bounds then.
  const ranAt = DateTime.utc().minus({ months: 1 });
  const [from, to] = [ranAt.startOf("month").minus({ months: 1 }).toISODate()!, ranAt.startOf("month").toISODate()!];
  const sql = `SELECT count(*) AS n FROM sales.orders WHERE ordered_at >= '${from}' AND ordered_at < '${to}'`;
  const source = await apiCall<{ id: string }>(page, "POST", "/agents/runs", {
    agent: "monthly-count",
    status: "succeeded",
    started_at: ranAt.toISO(),
    input: { task: "How many orders did we take last month?" },
    tool_calls: [{ id: "call_1", tool: "run_sql", arguments: { sql }, result: { columns: ["n"], rows: [{ n: 1 }], row_count: 1 } }],
  });
  const made = await apiCall<{ automation: { id: string }; report: { relative_dates: { relation: string }[] } }>(page, "POST", `/agents/runs/${source.id}/crystallize`, { name: "Orders last month" });
  expect(made.report.relative_dates.map((d) => d.relation)).toEqual(["start of previous month", "start of this month"]);

  await page.goto(`/automations/${made.automation.id}`);
  await expect(page.getByTestId("nondeterministic-count")).toContainText("1 of 1 flagged to review");
  await page.locator('.react-flow__node[data-id="run_sql_1"]').click();
  const panel = page.getByRole("complementary", { name: "Step run_sql_1" });
  const field = panel.getByTestId("template-field");
  await expect(field).toContainText("2 relative dates");
  const now = DateTime.utc();
  const [nowFrom, nowTo] = [now.startOf("month").minus({ months: 1 }).toISODate(), now.startOf("month").toISODate()];
  await expect(field.getByTestId("relative-dates").locator("li")).toHaveText([`start of previous month → ${nowFrom}`, `start of this month → ${nowTo}`]);
  await expect(field).toContainText(sql);
  // With no schedule, the preview is a run now: this month's bounds, not the recorded ones.
  await expect(field.getByTestId("template-preview")).toHaveText(`SELECT count(*) AS n FROM sales.orders WHERE ordered_at >= '${nowFrom}' AND ordered_at < '${nowTo}'`);
  await expect(panel.getByRole("region", { name: "Review" })).toContainText("Suggested templates for /sql");
  await shot(page, "19-relative-date-review");

  await panel.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await expect(page.getByTestId("nondeterministic-count")).toContainText("1 flagged · all reviewed");
  await expect(page.locator('[data-step="run_sql_1"]')).toHaveAttribute("data-flagged", "reviewed");
});

test("a parameter added in the panel feeds a step, and Run now asks for it", async ({ page }) => {
  const a = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Regional greeting",
    definition: { steps: [{ key: "greet", type: "action", action_kind: "transform", inputs: { expression: "'Hello, ' & $inputs.region", region: "Europe" } }] },
  });
  await page.goto(`/automations/${a.id}`);
  await page.getByRole("button", { name: "Parameters" }).click();
  const dialog = page.getByRole("dialog", { name: "Parameters" });
  await dialog.getByRole("button", { name: "Add parameter" }).click();
  await dialog.getByLabel("Parameter name").fill("region");
  await dialog.getByLabel("Parameter name").press("Enter");
  await dialog.getByLabel("Parameter default").fill("Europe");
  await dialog.getByLabel("Parameter description").fill("Which region to greet");
  await expect(dialog.getByTestId("parameter-region")).toContainText("not used yet");
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.locator('.react-flow__node[data-id="greet"]').click();
  const panel = page.getByRole("complementary", { name: "Step greet" });
  const feed = panel.getByRole("form", { name: "Feed an input" });
  await feed.getByLabel("Input").fill("/region");
  await feed.getByLabel("From").selectOption({ label: "parameter region" });
  await feed.getByRole("button", { name: "Use it" }).click();
  await expect(panel.getByTestId("parameter-chip")).toHaveText("/region ← parameter region");
  await page.getByRole("button", { name: "Parameters (1)" }).click();
  await expect(dialog.getByTestId("parameter-region")).toContainText("greet/region");
  await shot(page, "20-parameters-panel");
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByLabel("What changed?").fill("Greet the region a run asks for");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");

  await page.getByRole("button", { name: "Run now" }).click();
  const run = page.getByRole("dialog", { name: "Run now" });
  await expect(run.getByText("Which region to greet")).toBeVisible();
  const region = run.getByRole("textbox").first();
  await expect(region).toHaveValue("Europe");
  await region.fill("Asia Pacific");
  await shot(page, "21-run-now-parameters");
  await run.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/arun_/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await page.getByRole("button", { name: "greet" }).click();
  await expect(page.getByRole("complementary", { name: "Steps" })).toContainText("Hello, Asia Pacific");
});
