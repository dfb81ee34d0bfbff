import demoShop from "../../mcp/demo-shop.json";
import type { TCreateRun, TCreateThread } from "../sources/schemas";
import { demoCalendar } from "./demo-calendar";

// Realistic agent work for a new install, so there is something to crystallize at once.

// The analytics run happened at the start of this quarter and asked for the previous one, and the
// demo warehouse is laid out around the same quarter (demo-calendar.ts): its dates are ones the
// crystallizer recognises, and the dashboard it crystallizes into shows last quarter's figures
// whenever it runs.
const calendar = demoCalendar();
const FIGURES = [
  { revenue: 182340.5, orders: 1204 },
  { revenue: 175210.25, orders: 1133 },
  { revenue: 201877.0, orders: 1391 },
];
export const REVENUE_ROWS = calendar.previousMonths.map((month, i) => ({ month, revenue: FIGURES[i]!.revenue }));
export const ORDER_ROWS = calendar.previousMonths.map((month, i) => ({ month, orders: FIGURES[i]!.orders }));
export const DASHBOARD_TITLE = "Revenue and orders, last quarter";

const REVENUE_SQL = `SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, round(sum(total_amount), 2) AS revenue\nFROM sales.orders\nWHERE ordered_at >= '${calendar.previousQuarterStart}' AND ordered_at < '${calendar.thisQuarterStart}' AND status <> 'cancelled'\nGROUP BY 1 ORDER BY 1`;
const ORDERS_SQL = `SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, count(*) AS orders\nFROM sales.orders\nWHERE ordered_at >= '${calendar.previousQuarterStart}' AND ordered_at < '${calendar.thisQuarterStart}'\nGROUP BY 1 ORDER BY 1`;

/** The run's clock: `seconds` after it started. */
const at = (seconds: number) => new Date(calendar.ranAt.getTime() + seconds * 1000).toISOString();

/** The revenue / order counts / flashboard run of the product brief. */
export const revenueRun: TCreateRun = {
  agent: "analytics-agent",
  status: "succeeded",
  input: { task: "Build me a dashboard of monthly revenue and order counts for last quarter" },
  output: { flashboard_url: "/flashboards/last-quarter-revenue-orders" },
  started_at: at(0),
  ended_at: at(72),
  messages: [
    { role: "user", content: "Build me a dashboard of monthly revenue and order counts for last quarter" },
    {
      role: "assistant",
      content: "I'll query monthly revenue and order counts, then build the dashboard.",
      tool_calls: [
        {
          id: "call_rev_q1",
          tool: "generate_query",
          arguments: { sql: REVENUE_SQL, data_source: "demo_warehouse" },
          result: { columns: ["month", "revenue"], rows: REVENUE_ROWS, row_count: 3 },
          status: "succeeded",
          started_at: at(5),
          ended_at: at(7),
        },
        {
          id: "call_orders_q1",
          tool: "generate_query",
          arguments: { sql: ORDERS_SQL, data_source: "demo_warehouse" },
          result: { columns: ["month", "orders"], rows: ORDER_ROWS, row_count: 3 },
          status: "succeeded",
          started_at: at(5),
          ended_at: at(6),
        },
      ],
    },
    {
      role: "assistant",
      content: "Both queries returned three months. Building the flashboard now.",
      tool_calls: [
        {
          id: "call_board_q1",
          tool: "create_flashboard",
          arguments: {
            title: DASHBOARD_TITLE,
            charts: [
              { type: "line", title: "Monthly revenue (USD)", x: "month", y: "revenue", data: REVENUE_ROWS },
              { type: "bar", title: "Orders per month", x: "month", y: "orders", data: ORDER_ROWS },
            ],
          },
          result: { flashboard_id: "last-quarter-revenue-orders", url: "/flashboards/last-quarter-revenue-orders" },
          status: "succeeded",
          started_at: at(62),
          ended_at: at(70),
        },
      ],
    },
    { role: "assistant", content: `Your dashboard is ready: revenue peaked in ${calendar.lastMonthName} at $201,877 on 1,391 orders.` },
  ],
  tool_calls: [],
};

/** A support thread where the assistant asks before refunding and the approval is recorded. */
export const refundThread: TCreateThread = {
  title: "Refund a double-charged order",
  messages: [
    { role: "user", content: "Customer jane.doe@example.com says order ORD-1042 was charged twice. Can you sort it out?" },
    {
      role: "assistant",
      content: "Let me look at the order and its payments.",
      tool_calls: [
        {
          id: "call_lookup_1042",
          tool: "get_order",
          arguments: { order_id: "ORD-1042" },
          result: demoShop.orders["ORD-1042"],
        },
      ],
    },
    { role: "assistant", content: "Order ORD-1042 has two captured payments of $89.00. Shall I refund the duplicate payment pay_9Kx4Tn?" },
    { role: "user", content: "Yes, go ahead and refund it." },
    {
      role: "assistant",
      content: "Refunding the duplicate now.",
      tool_calls: [
        {
          id: "call_refund_1042",
          tool: "issue_refund",
          arguments: { payment_id: "pay_9Kx4Tn", amount: 89.0, reason: "duplicate_charge" },
          result: { refund_id: "re_3Fp8Wd", status: "succeeded" },
          approval: { status: "approved", requested_at: "2025-04-02T14:03:10Z", decided_by: "jane.support@acme.test", decided_at: "2025-04-02T14:03:41Z" },
        },
        {
          id: "call_notify_1042",
          tool: "send_email",
          arguments: { to: "jane.doe@example.com", subject: "Your refund for ORD-1042", template: "refund_issued" },
          result: { message_id: "em_55aa01", accepted: true },
        },
      ],
    },
    { role: "assistant", content: "Done: refund re_3Fp8Wd issued and the customer has been emailed." },
  ],
};

/** An integration run where the first HTTP call failed and the agent retried it. */
export const retriedRun: TCreateRun = {
  agent: "fx-sync-agent",
  status: "succeeded",
  input: { task: "Fetch today's EUR exchange rates and post them to #finance" },
  started_at: "2025-04-03T06:00:00Z",
  ended_at: "2025-04-03T06:00:21Z",
  messages: [],
  tool_calls: [
    {
      id: "call_fx_1",
      tool: "http_request",
      arguments: { method: "GET", url: "https://api.frankfurter.app/latest?from=EUR&to=USD,GBP,JPY" },
      status: "failed",
      error: "503 Service Unavailable",
      started_at: "2025-04-03T06:00:01Z",
      ended_at: "2025-04-03T06:00:04Z",
    },
    {
      id: "call_fx_2",
      tool: "http_request",
      arguments: { method: "GET", url: "https://api.frankfurter.app/latest?from=EUR&to=USD,GBP,JPY" },
      result: { status: 200, body: { base: "EUR", date: "2025-04-03", rates: { USD: 1.0832, GBP: 0.8371, JPY: 161.42 } } },
      started_at: "2025-04-03T06:00:09Z",
      ended_at: "2025-04-03T06:00:10Z",
    },
    {
      id: "call_fx_fmt",
      tool: "transform",
      arguments: { expression: "'EUR rates ' & date & ': USD ' & rates.USD & ', GBP ' & rates.GBP & ', JPY ' & rates.JPY", data: { base: "EUR", date: "2025-04-03", rates: { USD: 1.0832, GBP: 0.8371, JPY: 161.42 } } },
      result: "EUR rates 2025-04-03: USD 1.0832, GBP 0.8371, JPY 161.42",
    },
    {
      id: "call_fx_post",
      tool: "notify",
      arguments: { channel: "#finance", message: "EUR rates 2025-04-03: USD 1.0832, GBP 0.8371, JPY 161.42" },
      result: { ok: true },
    },
  ],
};

/** A run that did the same thing for each item of a list: it crystallizes into a loop. */
const lowStock = demoShop.stock.filter((s) => s.on_hand < 10);
export const restockRun: TCreateRun = {
  agent: "restock-agent",
  status: "succeeded",
  input: { task: "Reorder every product with fewer than 10 in stock, 20 units each" },
  started_at: "2025-04-03T09:00:00Z",
  ended_at: "2025-04-03T09:00:14Z",
  messages: [{ role: "user", content: "Reorder every product with fewer than 10 in stock, 20 units each" }],
  tool_calls: [
    { id: "call_stock", tool: "list_low_stock", arguments: { threshold: 10 }, result: { items: lowStock }, started_at: "2025-04-03T09:00:02Z", ended_at: "2025-04-03T09:00:03Z" },
    ...lowStock.map((item, i) => ({
      id: `call_reorder_${i + 1}`,
      tool: "reorder_sku",
      arguments: { sku: item.sku, quantity: 20 },
      result: { po_id: `po_88${String(i + 1).padStart(2, "0")}`, sku: item.sku, quantity: 20, status: "ordered" },
      started_at: `2025-04-03T09:00:0${5 + i * 3}Z`,
      ended_at: `2025-04-03T09:00:0${6 + i * 3}Z`,
    })),
  ],
};

/** A run still in progress (crystallizing it is refused with a 409) and one that failed outright. */
export const otherRuns: TCreateRun[] = [
  {
    agent: "churn-report-agent",
    status: "running",
    input: { task: "Weekly churn report" },
    started_at: "2025-04-04T07:00:00Z",
    messages: [],
    tool_calls: [{ id: "call_churn_1", tool: "generate_query", arguments: { sql: "SELECT count(*) FROM sales.customers WHERE churned_at > now() - interval '7 days'" } }],
  },
  {
    agent: "inventory-agent",
    status: "failed",
    input: { task: "Reorder low-stock SKUs" },
    started_at: "2025-04-04T08:00:00Z",
    ended_at: "2025-04-04T08:00:09Z",
    messages: [],
    tool_calls: [{ id: "call_inv_1", tool: "list_low_stock", arguments: { threshold: 10 }, status: "failed", error: "warehouse API timeout" }],
  },
];
