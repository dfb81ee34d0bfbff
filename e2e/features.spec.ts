import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { apiCall, canvasNodes, shot } from "./helpers";

type Automation = { id: string; version: number; definition: { steps: { key: string; inputs: Record<string, unknown> }[] } };

const step = (key: string, extra: object) => ({ key, depends_on: [], inputs: {}, ...extra });

async function createAutomation(page: Page, name: string, steps: object[]) {
  return apiCall<Automation>(page, "POST", "/automations", { name, definition: { steps } });
}

/** Presses Tab until the focused element matches, so the test moves the way a keyboard user does. */
async function tabTo(page: Page, matches: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, matches)) return;
  }
  throw new Error(`Tab never reached ${matches}`);
}

test("a pending gate is approved from the run view and the run finishes", async ({ page }) => {
  const a = await createAutomation(page, "Gated report", [
    step("ask", { type: "approval_gate", inputs: { message: "Send the report?" } }),
    step("report", { type: "action", action_kind: "transform", depends_on: ["ask"], inputs: { expression: "'sent'" } }),
  ]);
  const run = await apiCall<{ id: string }>(page, "POST", `/automations/${a.id}/runs`, { input: {} });

  await page.goto(`/runs/${run.id}`);
  await expect(page.getByTestId("run-status")).toHaveText("waiting for approval");
  await expect(page.locator('[data-step="ask"][data-status="waiting"]')).toBeVisible();
  const gate = page.getByRole("region", { name: "Approval for ask" });
  await gate.getByLabel("Comment").fill("Looks right");
  await shot(page, "07-approval-inline");
  await gate.getByRole("button", { name: "Approve" }).click();

  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await expect(page.locator('[data-step="report"][data-status="succeeded"]')).toBeVisible();
  await page.getByRole("button", { name: "report" }).click();
  await expect(page.getByRole("complementary", { name: "Steps" })).toContainText('"sent"');

  await page.goto("/approvals");
  await page.getByLabel("Status").selectOption("approved");
  await expect(page.getByText("Looks right")).toBeVisible();
});

test("saving over someone else's save shows the conflict and reloads their version", async ({ page }) => {
  const a = await createAutomation(page, "Contended", [step("shape", { type: "action", action_kind: "transform", inputs: { expression: "1 + 1" } })]);
  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(1);
  await page.getByLabel("Select a step to edit").selectOption("shape");
  await page.getByLabel("expression").fill("2 + 2");

  // Meanwhile, someone else saves version 2.
  await apiCall(page, "PATCH", `/automations/${a.id}`, { base_version: 1, definition: { steps: [step("shape", { type: "action", action_kind: "transform", inputs: { expression: "3 + 3" } })] }, message: "Theirs" });

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Someone else saved this automation" });
  await expect(alert).toContainText("version 2");
  await shot(page, "08-save-conflict");
  await alert.getByRole("button", { name: "Reload latest version" }).click();
  await expect(page.getByTestId("version")).toHaveText("v2");
  await page.getByLabel("Select a step to edit").selectOption("shape");
  await expect(page.getByLabel("expression")).toHaveValue("3 + 3");
});

test("a step is edited and saved with the keyboard only", async ({ page }) => {
  const a = await createAutomation(page, "Keyboard edit", [step("count_orders", { type: "action", action_kind: "run_sql", inputs: { sql: "SELECT count(*) FROM sales.orders" } })]);
  await page.goto(`/automations/${a.id}`);
  await expect(canvasNodes(page)).toHaveCount(1);

  await tabTo(page, '.react-flow__node[data-id="count_orders"]');
  await page.keyboard.press("Enter");
  const panel = page.getByRole("complementary", { name: "Step count_orders" });
  await expect(panel).toBeVisible();
  await tabTo(page, "textarea");
  await expect(page.locator("textarea:focus")).toHaveValue("SELECT count(*) FROM sales.orders");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("SELECT count(*) FROM sales.customers");
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("dialog", { name: "Save a new version" })).toBeVisible();
  await page.keyboard.type("Count customers instead");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("version")).toHaveText("v2");

  const saved = await apiCall<Automation>(page, "GET", `/automations/${a.id}`);
  expect(saved.definition.steps[0]!.inputs.sql).toBe("SELECT count(*) FROM sales.customers");
});

test("an agent log dropped on the run history is imported with its report, and a bad one names the line", async ({ page }) => {
  await page.goto("/");
  const file = path.join(import.meta.dirname, "../tests/fixtures/imports/claude-code-session.jsonl");
  await page.getByLabel("choose a file").setInputFiles(file);
  const report = page.getByRole("status").filter({ hasText: "Imported" });
  await expect(report).toContainText("Imported 2 tool calls");
  await expect(report).toContainText("jsonl-session (detected)");
  await expect(report).toContainText("1 records skipped");
  await shot(page, "10-import-report");
  await report.getByRole("link", { name: "Open the run" }).click();
  // Named after what the user asked, the first line of the session.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("What was revenue by region last week? Chart it.");

  await page.goto("/");
  await page.getByLabel("choose a file").setInputFiles({ name: "broken.jsonl", mimeType: "application/json", buffer: Buffer.from('{"role":"user","content":"hi"}\n{broken') });
  await expect(page.getByRole("alert").filter({ hasText: "transcript line 2: is not valid JSON" })).toBeVisible();

  // The same file dropped again is not imported twice unless asked to.
  await page.goto("/");
  await page.getByLabel("choose a file").setInputFiles(file);
  const already = page.getByRole("alert").filter({ hasText: "This file was imported already" });
  await expect(already.getByRole("link", { name: /^run_/ })).toBeVisible();
  await already.getByRole("button", { name: "Import again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("Imported 2 tool calls");
});

test("a second run of the same task is merged into the automation, and the dialog shows which inputs became parameters", async ({ page }) => {
  const monthly = (month: string) => ({
    agent: "monthly-revenue",
    messages: [
      { role: "user", content: `Revenue for ${month}` },
      {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "c1", tool: "generate_query", arguments: { sql: `SELECT SUM(amount) FROM orders WHERE month = '${month}'`, data_source: "demo_warehouse" }, result: { rows: [{ sum: 1 }] } }],
      },
    ],
  });
  const first = await apiCall<{ id: string }>(page, "POST", "/agents/runs", monthly("2025-04"));
  const made = await apiCall<{ automation: { id: string; name: string } }>(page, "POST", `/agents/runs/${first.id}/crystallize`, { name: "Quarterly revenue (merge)" });
  const second = await apiCall<{ id: string }>(page, "POST", "/agents/runs", monthly("2025-05"));

  await page.goto(`/history/runs/${second.id}`);
  await page.getByRole("button", { name: "Crystallize" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Into").selectOption({ label: "Quarterly revenue (merge) (v1) — as its next version" });
  await dialog.getByRole("button", { name: "Merge" }).click();
  const result = dialog.getByRole("status");
  await expect(result).toContainText("Version 2 of Quarterly revenue (merge)");
  await expect(result.getByRole("row", { name: /generate_query_1\/sql/ })).toContainText("2025-05");
  await shot(page, "11-merge-diff");
  await result.getByRole("link", { name: "Open the automation" }).click();
  await expect(page).toHaveURL(new RegExp(`/automations/${made.automation.id}$`));
});

test("the API reference renders every operation from the OpenAPI document", async ({ page }) => {
  await page.goto("/api-reference");
  await page.getByPlaceholder(/Filter \d+ operations/).fill("crystallize");
  const op = page.getByRole("listitem").filter({ hasText: "/api/v1/agents/runs/{run_id}/crystallize" });
  await op.locator("summary").click();
  await expect(op).toContainText("run_id");
  await expect(op).toContainText("Request body (JSON Schema)");
  await shot(page, "12-api-reference");
});

test("the API reference shows a response body's fields, not a bare component reference", async ({ page }) => {
  await page.goto("/api-reference");
  await page.getByPlaceholder(/Filter \d+ operations/).fill("get /api/v1/runs/{run_id}");
  const op = page.getByRole("listitem").filter({ hasText: "/api/v1/runs/{run_id}" });
  await op.locator("summary").click();
  const success = op.getByRole("heading", { name: /^200/ });
  await success.scrollIntoViewIfNeeded();
  await expect(op.getByText('"Run"', { exact: true })).toBeVisible();
  for (const field of ["status", "trigger_id", "steps"]) await expect(op.getByRole("button", { name: new RegExp(`^"${field}": \\{`) })).toBeVisible();
  await expect(op).not.toContainText("#/components/schemas/");
  await shot(page, "18-api-reference-bodies");
});

test("pages carry a nonce CSP, no script is blocked, and a security change shows in the audit log", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) blocked.push(m.text());
  });
  const res = await page.goto("/settings/security");
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");

  const list = page.getByRole("textbox", { name: "Allowed hosts and networks" });
  await list.fill("billing.internal\n10.0.0.0/8");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved");
  await list.fill("10.0.0.0/33");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Egress allow list #1" })).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: "workspace settings changed" }).first();
  await expect(row).toContainText("10.0.0.0/8");
  await expect(row).toContainText("ada@example.test");
  await shot(page, "13-audit-log");
  expect(blocked).toEqual([]);
});

test("a run that failed inside its result: marked in the run view, overridable when crystallizing, and a text line bound", async ({ page }) => {
  const run = await apiCall<{ id: string }>(page, "POST", "/agents/runs", {
    agent: "billing-review",
    messages: [
      { role: "user", content: "Find the billing code and book the review" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: "c1", tool: "Glob", arguments: { pattern: "src/**/*.ts" }, result: "src/app/page.tsx\nsrc/lib/billing/invoice.ts" },
          { id: "c2", tool: "Read", arguments: { file_path: "src/lib/billing/invoice.ts" }, result: "export const total = 1;" },
          { id: "c3", tool: "book_review", arguments: { room: "R-2041" }, result: { error: "Room R-2041 is taken", response: "" } },
        ],
      },
    ],
  });
  await page.goto(`/history/runs/${run.id}`);
  await expect(page.getByText("failed in its result")).toBeVisible();
  await page.getByRole("button", { name: "Crystallize" }).click();
  const dialog = page.getByRole("dialog", { name: "Crystallize into an automation" });
  const override = dialog.getByRole("group", { name: "Calls whose result says they failed" });
  await expect(override).toContainText("the result's error field is set: Room R-2041 is taken");
  await shot(page, "16-in-band-failure");
  await dialog.getByRole("button", { name: "Crystallize" }).click();
  await expect(page).toHaveURL(/\/automations\/auto_/);
  // Without the override, the failed booking is no step.
  await expect(canvasNodes(page)).toHaveCount(2);
  await page.locator('.react-flow__node[data-id="read_1"]').click();
  await expect(page.getByRole("complementary", { name: "Step read_1" })).toContainText("/file_path ← line 2 of glob_1");
  await expect(page.locator(".react-flow__edge-text")).toHaveText("line 2 → /file_path");
  await shot(page, "17-text-line-binding");
});
