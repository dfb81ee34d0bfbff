import demoShop from "../../mcp/demo-shop.json";
import type { TCreateRun, TCreateThread } from "../sources/schemas";

// Realistic agent work for a new install, so there is something to crystallize at once.

export const REVENUE_ROWS = [
  { month: "2025-01", revenue: 182340.5 },
  { month: "2025-02", revenue: 175210.25 },
  { month: "2025-03", revenue: 201877.0 },
];
export const ORDER_ROWS = [
  { month: "2025-01", orders: 1204 },
  { month: "2025-02", orders: 1133 },
  { month: "2025-03", orders: 1391 },
];

const REVENUE_SQL =
  "SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, round(sum(total_amount), 2) AS revenue\nFROM sales.orders\nWHERE ordered_at >= '2025-01-01' AND ordered_at < '2025-04-01' AND status <> 'cancelled'\nGROUP BY 1 ORDER BY 1";
const ORDERS_SQL =
  "SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, count(*) AS orders\nFROM sales.orders\nWHERE ordered_at >= '2025-01-01' AND ordered_at < '2025-04-01'\nGROUP BY 1 ORDER BY 1";

const at = (minute: number, second = 0) => `2025-04-01T09:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}Z`;

/** The revenue / order counts / flashboard run of the product brief. */
export const revenueRun: TCreateRun = {
  agent: "analytics-agent",
  status: "succeeded",
  input: { task: "Build me a dashboard of monthly revenue and order counts for Q1 2025" },
  output: { flashboard_url: "/flashboards/q1-2025-revenue-orders" },
  started_at: at(0),
  ended_at: at(1, 12),
  messages: [
    { role: "user", content: "Build me a dashboard of monthly revenue and order counts for Q1 2025" },
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
          started_at: at(0, 5),
          ended_at: at(0, 7),
        },
        {
          id: "call_orders_q1",
          tool: "generate_query",
          arguments: { sql: ORDERS_SQL, data_source: "demo_warehouse" },
          result: { columns: ["month", "orders"], rows: ORDER_ROWS, row_count: 3 },
          status: "succeeded",
          started_at: at(0, 5),
          ended_at: at(0, 6),
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
            title: "Q1 2025 revenue and orders",
            charts: [
              { type: "line", title: "Monthly revenue (USD)", x: "month", y: "revenue", data: REVENUE_ROWS },
              { type: "bar", title: "Orders per month", x: "month", y: "orders", data: ORDER_ROWS },
            ],
          },
          result: { flashboard_id: "q1-2025-revenue-orders", url: "/flashboards/q1-2025-revenue-orders" },
          status: "succeeded",
          started_at: at(1, 2),
          ended_at: at(1, 10),
        },
      ],
    },
    { role: "assistant", content: "Your dashboard is ready: revenue peaked in March at $201,877 on 1,391 orders." },
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
