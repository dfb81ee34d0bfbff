import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import { ADMIN_KEY, apiCall, OWNER, shot } from "./helpers";

// An approver decides with the context in front of them; tool providers and data sources are
// added, tested and removed from their own pages.

const refundDefinition = {
  parameters: [{ name: "amount", type: "number", required: true }],
  steps: [
    { key: "lookup_payment", type: "action", action_kind: "transform", inputs: { expression: '{"payment_id": "pay_9Kx4Tn", "customer": "Jane Doe"}' } },
    { key: "approve_refund", type: "approval_gate", depends_on: ["lookup_payment"], inputs: { message: "Refund Jane Doe's order?", timeout_seconds: 86_400 } },
    {
      key: "issue_refund",
      name: "Issue the refund",
      type: "action",
      action_kind: "issue_refund",
      depends_on: ["approve_refund"],
      inputs: { amount: 10, payment_id: "pay_recorded", note: "recorded note", approved_by: "recorded approver" },
      parameter_refs: [{ parameter: "amount", input_path: "/amount" }],
      bindings: [
        { from_step: "lookup_payment", output_path: "/payment_id", input_path: "/payment_id" },
        { from_step: "approve_refund", output_path: "/by", input_path: "/approved_by" },
      ],
      templates: [{ input_path: "/note", template: "Refund for {{ steps.lookup_payment.output.customer }}" }],
    },
  ],
};

test("[APPROVALS] a waiting approval shows its automation, run, who started it and the gated step's inputs in words", async ({ page }) => {
  const auto = await apiCall<{ id: string }>(page, "POST", "/automations", { name: "Refund a payment", definition: refundDefinition });
  // Started with the owner's session, as Run now does, so the run is the owner's.
  const started = await page.request.post(`/api/v1/automations/${auto.id}/runs`, { data: { input: { amount: 89 } } });
  expect(started.status(), await started.text()).toBe(201);
  const runId = ((await started.json()) as { id: string }).id;

  await page.goto("/approvals");
  const card = page.getByRole("listitem", { name: "Approval Refund Jane Doe's order?" });
  await expect(card).toBeVisible();
  const context = card.getByTestId("approval-context");
  await expect(context.getByRole("link", { name: "Refund a payment" })).toHaveAttribute("href", `/automations/${auto.id}`);
  await expect(context.getByRole("link", { name: runId })).toHaveAttribute("href", `/runs/${runId}`);
  await expect(context).toContainText(`started manually by ${OWNER.email}`);
  const step = card.getByTestId("gated-step");
  await expect(step).toContainText("issue_refund (Issue the refund): amount 89, payment pay_9Kx4Tn, note Refund for Jane Doe");
  await expect(step.getByRole("list", { name: "Not known yet for issue_refund" })).toHaveText("approved by: not known until approve_refund is decided");
  await expect(step).not.toContainText("recorded");
  await expect(card.getByTestId("approval-waiting")).toContainText(/waiting (under a minute|1 min) · deadline in 23 h 5\d min, then counts as rejected/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByTestId("pending-approvals")).toHaveText(/^[1-9]\d*$/);
  await shot(page, "40-approval-context");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(card.getByTestId("gated-step")).toBeVisible();
  await shot(page, "41-approval-context-dark");

  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveCount(0);
});

/** A Streamable HTTP MCP server on loopback offering two chart tools, stateless as the SDK documents. */
async function startChartTools(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const mcp = new McpServer({ name: "chart-tools", version: "1.0.0" });
    mcp.registerTool("create_chart", { description: "Draws a chart from rows", inputSchema: { title: z.string() } }, async ({ title }) => ({
      content: [{ type: "text", text: JSON.stringify({ chart: title }) }],
    }));
    mcp.registerTool("list_charts", { description: "Lists the charts drawn so far", inputSchema: {} }, async () => ({ content: [{ type: "text", text: "[]" }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => void transport.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, server };
}

const activate = (page: Page, id: string) =>
  page.request.post(`/api/v1/automations/${id}/activate`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" }, data: "{}" });

test("[TOOLS] an unbound step links to the provider form for its tool; the provider added there lists its tools, binds the tool, and is tested and deleted", async ({ page }) => {
  const { url, server } = await startChartTools();
  const settings = await apiCall<{ egress_allow_list: string[] }>(page, "GET", "/workspaces/current");
  await apiCall(page, "PATCH", "/workspaces/current", { egress_allow_list: [...settings.egress_allow_list, "127.0.0.1"] });
  const auto = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Weekly revenue chart",
    definition: { steps: [{ key: "chart", type: "action", action_kind: "create_chart", inputs: { title: "Revenue" } }] },
  });
  try {
    const blocked = await activate(page, auto.id);
    expect(blocked.status()).toBe(422);
    expect(await blocked.text()).toContain('no tool provider offers \\"create_chart\\"');

    // The step says why it cannot run, and links to the form that fixes it.
    await page.goto(`/automations/${auto.id}`);
    await page.locator('.react-flow__node[data-id="chart"]').click();
    const problem = page.getByRole("complementary", { name: "Step chart" }).getByRole("alert", { name: "Problem" });
    await expect(problem).toContainText('Unbound tool: no tool provider offers "create_chart".');
    await shot(page, "49-unbound-step-fix-link");
    await problem.getByRole("link", { name: "Add a tool provider" }).click();
    await expect(page).toHaveURL(/\/tool-providers\?add=1&tool=create_chart&from=/);
    const form = page.getByRole("form", { name: "Add a tool provider" });
    await expect(form.getByRole("note")).toHaveText("Add a provider that offers create_chart, so that create_chart is bound and the automation can be switched on.");
    await form.getByLabel("Name", { exact: true }).fill("charts");
    await form.getByLabel("Address").fill(url.replace("http://", ""));
    await form.getByLabel("Headers (optional)").fill("Authorization: Bearer e2e-secret-token");
    await form.getByRole("button", { name: "Connect and add" }).click();
    await expect(form.getByTestId("field-error")).toHaveText("Enter a full address starting with http:// or https://");
    await expect(form.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "42-tool-provider-field-error");

    await form.getByLabel("Address").fill(url);
    await form.getByRole("button", { name: "Connect and add" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added charts" })).toContainText("create_chart is now bound: steps calling it can run.");
    await expect(form).toHaveCount(0);
    await expect(page).toHaveURL(/\/tool-providers$/);
    const card = page.getByRole("listitem", { name: "Tool provider charts" });
    const tools = card.getByRole("list", { name: "Tools of charts" });
    await expect(tools.getByRole("listitem")).toHaveText(["create_chart — Draws a chart from rows", "list_charts — Lists the charts drawn so far"]);
    await expect(card).toContainText("Sealed: header Authorization (values are never shown)");
    await expect(page.getByText("e2e-secret-token")).toHaveCount(0);
    await shot(page, "43-tool-provider-added");

    // Back in the editor, nothing blocks activation any more.
    await page.getByRole("link", { name: "Back to Weekly revenue chart" }).click();
    await page.getByRole("button", { name: "Activate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Activate" });
    await expect(dialog).toContainText("Everything checks out.");
    await dialog.getByRole("button", { name: "Activate", exact: true }).click();
    await expect(dialog).toHaveCount(0);
    expect((await apiCall<{ status: string }>(page, "GET", `/automations/${auto.id}`)).status).toBe("active");

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/tool-providers");
    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.getByRole("status")).toHaveText("Connected: it offers 2 tools.");
    await shot(page, "44-tool-provider-tested-dark");

    await card.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete charts?" });
    await expect(confirm).toContainText("Steps bound to its tools become unbound");
    await shot(page, "45-tool-provider-delete-confirm");
    await confirm.getByRole("button", { name: "Delete provider" }).click();
    await expect(card).toHaveCount(0);
  } finally {
    await apiCall(page, "POST", `/automations/${auto.id}/pause`, {});
    await apiCall(page, "PATCH", "/workspaces/current", { egress_allow_list: settings.egress_allow_list });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test("[TOOLS] a provider that starts a local command: the form says this server does not start them, and the server's refusal lands on the Kind field", async ({ page }) => {
  // The browser-test server runs without ALLOW_STDIO_TOOLS, as a default installation does.
  await page.goto("/tool-providers");
  await page.getByRole("button", { name: "Add tool provider" }).click();
  const form = page.getByRole("form", { name: "Add a tool provider" });
  await form.getByLabel("Name", { exact: true }).fill("local files");
  await form.getByLabel("Kind", { exact: true }).selectOption("mcp_stdio");
  await expect(form.getByRole("note", { name: "Local commands on this server" })).toHaveText(
    "This server does not start local commands: its operator has not turned them on (ALLOW_STDIO_TOOLS=1), so a provider of this kind is refused here.",
  );
  await expect(form.getByLabel("Address")).toHaveCount(0);

  await form.getByRole("button", { name: "Connect and add" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Enter the command that starts the MCP server, e.g. /usr/local/bin/my-mcp-server");
  await expect(form.getByLabel("Command", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Command", { exact: true }).fill("/usr/local/bin/files-mcp");
  await form.getByLabel("Arguments (optional)").fill("--root\n/srv/files");
  await form.getByLabel("Environment (optional)").fill("FILES_TOKEN=e2e-env-secret");
  await form.getByRole("button", { name: "Connect and add" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Tool providers that start a local command (mcp_stdio) are off on this server; the operator turns them on with ALLOW_STDIO_TOOLS=1");
  await expect(form.getByLabel("Kind", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Command", { exact: true })).toHaveAttribute("aria-invalid", "false");
  await shot(page, "48-tool-provider-command-refused");

  // Nothing was added; the refusal is audited with the env's names only, never its values.
  const providers = await apiCall<{ data: { name: string }[] }>(page, "GET", "/tool-providers");
  expect(providers.data.map((p) => p.name)).not.toContain("local files");
  const audit = await apiCall<{ data: { details: Record<string, unknown> }[] }>(page, "GET", "/audit-log?action=tool_provider.refused");
  const refused = audit.data.find((e) => e.details.name === "local files");
  expect(refused?.details).toMatchObject({ kind: "mcp_stdio", command: "/usr/local/bin/files-mcp", args: ["--root", "/srv/files"], env_names: ["FILES_TOKEN"], reason: "stdio_disabled", field: "kind" });
  expect(JSON.stringify(audit.data)).not.toContain("e2e-env-secret");

  // Another kind starts afresh: the refusal was about this one.
  await form.getByLabel("Kind", { exact: true }).selectOption("mcp_http");
  await expect(form.getByTestId("field-error")).toHaveCount(0);
  await expect(form.getByLabel("Address")).toBeVisible();
});

test("[DATA] a data source is added with its fields checked in words, its connection tested, and deleted", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/data-sources");
  await page.getByRole("button", { name: "Add data source" }).click();
  const form = page.getByRole("form", { name: "Add a data source" });
  await form.getByLabel("Name", { exact: true }).fill("sales db");
  await form.getByLabel("Connection string").fill("mysql://reader@db.example.com/sales");
  await form.getByRole("button", { name: "Check and add" }).click();
  await expect(form.getByTestId("field-error")).toHaveText([
    "Use letters, digits, dots, dashes and underscores only (no spaces)",
    "Enter a PostgreSQL connection string starting with postgres://",
  ]);
  await expect(form).not.toContainText("body.");
  await shot(page, "46-data-source-field-errors");

  await form.getByLabel("Name", { exact: true }).fill("sales_db");
  // 10.0.0.0/8 is permitted by the operator but not listed by this workspace: the egress guard refuses it, on its field.
  await form.getByLabel("Connection string").fill("postgres://reader:pw-e2e@10.1.2.3:5432/sales");
  await form.getByRole("button", { name: "Check and add" }).click();
  await expect(form.getByTestId("field-error")).toContainText(/10\.1\.2\.3/);
  await expect(form.getByTestId("field-error")).not.toContainText("body.connection_string");

  // A public host that does not resolve is saved (every step checks again) and its test says why it failed.
  await form.getByLabel("Connection string").fill("postgres://reader:pw-e2e@db.example.invalid:5432/sales");
  await form.getByRole("button", { name: "Check and add" }).click();
  const card = page.getByRole("listitem", { name: "Data source sales_db" });
  await expect(card).toContainText("db.example.invalid:5432/sales");
  await expect(page.getByText("pw-e2e")).toHaveCount(0);
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("alert")).toHaveText("The connection test failed: cannot connect to the data source: the host db.example.invalid was not found (check its name)");
  await shot(page, "47-data-source-test-failed");

  await card.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete sales_db?" }).getByRole("button", { name: "Delete data source" }).click();
  await expect(card).toHaveCount(0);
});

test("[DATA] a SQL step naming a data source the workspace lacks links to the data source form, named for it, and back", async ({ page }) => {
  const auto = await apiCall<{ id: string }>(page, "POST", "/automations", {
    name: "Orders report",
    definition: { steps: [{ key: "orders", type: "action", action_kind: "run_sql", inputs: { data_source: "orders_db", sql: "select count(*) from orders" } }] },
  });
  try {
    await page.goto(`/automations/${auto.id}`);
    await page.locator('.react-flow__node[data-id="orders"]').click();
    const problem = page.getByRole("complementary", { name: "Step orders" }).getByRole("alert", { name: "Problem" });
    await expect(problem).toContainText('Input data_source: "orders_db" is not configured.');
    await problem.getByRole("link", { name: "Add data source orders_db" }).click();

    const form = page.getByRole("form", { name: "Add a data source" });
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("orders_db");
    // A host that does not resolve is saved; every run checks it again.
    await form.getByLabel("Connection string").fill("postgres://reader:pw-e2e@orders.example.invalid:5432/orders");
    await form.getByRole("button", { name: "Check and add" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added orders_db" })).toContainText("SQL steps that name it can run.");
    await expect(page).toHaveURL(/\/data-sources$/);
    await shot(page, "55-data-source-added-from-step");

    // Back in the editor the step's check, answered afresh, finds nothing to fix.
    const checked = page.waitForResponse((r) => r.url().endsWith(`/api/v1/automations/${auto.id}/activation`) && r.ok());
    await page.getByRole("link", { name: "Back to Orders report" }).click();
    expect(await (await checked).json()).toMatchObject({ can_activate: true, blockers: [] });
    await page.locator('.react-flow__node[data-id="orders"]').click();
    await expect(page.getByRole("complementary", { name: "Step orders" })).toBeVisible();
    await expect(page.getByRole("alert", { name: "Problem" })).toHaveCount(0);
  } finally {
    const ds = await apiCall<{ data: { id: string; name: string }[] }>(page, "GET", "/data-sources");
    for (const d of ds.data.filter((x) => x.name === "orders_db")) await apiCall(page, "DELETE", `/data-sources/${d.id}`);
  }
});
