import { ORDER_ROWS, REVENUE_ROWS } from "../lib/demo/demo-data";
import type { Transcript, TranscriptEvent, TranscriptToolCall } from "../lib/crystallize/types";

// Builders for crystallizer tests and the benchmark: compact transcripts with realistic shapes.

let counter = 0;
export function call(tool: string, args: Record<string, unknown>, result: unknown, extra: Partial<TranscriptToolCall> = {}): TranscriptToolCall {
  counter++;
  return { kind: "tool_call", id: `tc_${counter}`, callId: `call_${counter}`, toolName: tool, arguments: args, result, status: "succeeded", ...extra };
}
export const user = (text: string): TranscriptEvent => ({ kind: "message", id: `msg_u${++counter}`, role: "user", text });
export const assistant = (text: string): TranscriptEvent => ({ kind: "message", id: `msg_a${++counter}`, role: "assistant", text });
export const transcript = (events: TranscriptEvent[], input?: unknown): Transcript => ({
  source: { type: "agent_run", id: "run_test" },
  input,
  events,
});

export { ORDER_ROWS, REVENUE_ROWS };

/** The revenue / order counts / flashboard run from the product brief. */
export function revenueRun(): Transcript {
  return transcript(
    [
      user("Build me a dashboard of monthly revenue and order counts for Q1 2025"),
      call(
        "generate_query",
        { sql: "SELECT to_char(ordered_at, 'YYYY-MM') AS month, sum(total) AS revenue FROM orders WHERE ordered_at >= '2025-01-01' AND ordered_at < '2025-04-01' GROUP BY 1 ORDER BY 1", data_source: "warehouse" },
        { columns: ["month", "revenue"], rows: REVENUE_ROWS },
      ),
      call(
        "generate_query",
        { sql: "SELECT to_char(ordered_at, 'YYYY-MM') AS month, count(*) AS orders FROM orders WHERE ordered_at >= '2025-01-01' AND ordered_at < '2025-04-01' GROUP BY 1 ORDER BY 1", data_source: "warehouse" },
        { columns: ["month", "orders"], rows: ORDER_ROWS },
      ),
      call(
        "create_flashboard",
        {
          title: "Q1 2025 revenue and orders",
          charts: [
            { type: "line", title: "Revenue", x: "month", y: "revenue", data: REVENUE_ROWS },
            { type: "bar", title: "Orders", x: "month", y: "orders", data: ORDER_ROWS },
          ],
        },
        { flashboard_id: "fb_q1_2025", url: "/flashboards/fb_q1_2025" },
      ),
    ],
  );
}

/**
 * A synthetic run of `n` calls for the benchmark: reads feeding transforms and periodic writes. It
 * has a start time and its queries name yesterday and today, so the relative-date rule runs too.
 */
export function syntheticRun(n: number): Transcript {
  const events: TranscriptEvent[] = [user("Sync the latest orders for account acme-corp-2291 and report totals")];
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    if (kind === 0) {
      events.push(call("list_orders", { account: "acme-corp-2291", page: i, page_size: 50 }, { orders: [{ id: `ord_${i}_a`, total: 1000 + i }, { id: `ord_${i}_b`, total: 2000 + i }], next: `cursor_${i}` }));
    } else if (kind === 1) {
      events.push(call("get_order", { order_id: `ord_${i - 1}_a`, cursor: `cursor_${i - 1}` }, { id: `ord_${i - 1}_a`, status: "paid", lines: [{ sku: `SKU-${i}`, qty: 2 }] }));
    } else if (kind === 2) {
      events.push(call("generate_query", { sql: `SELECT sum(total) FROM orders WHERE page = ${i} AND day >= '2025-01-01' AND day < '2025-01-02'` }, { rows: [{ sum: 12345.5 + i }] }));
    } else if (kind === 3) {
      events.push(call("transform", { expression: "$sum(rows.sum)", data: [{ sum: 12345.5 + i - 1 }] }, { value: 12345.5 + i - 1 }));
    } else {
      events.push(call("update_crm", { account: "acme-corp-2291", order_ref: `ord_${i - 4}_a`, total: 12345.5 + i - 2 }, { ok: true, updated_at: `2025-01-01T00:00:${String(i % 60).padStart(2, "0")}Z` }));
    }
  }
  return { ...transcript(events, { task: "nightly order sync" }), startedAt: "2025-01-02T06:00:00Z" };
}

/** An OpenAI chat log (the messages of an import) with `n` tool calls, each answered: big-input tests and benchmarks. */
export function syncAccountsLog(n: number): unknown[] {
  const messages: unknown[] = [{ role: "user", content: "Sync every account" }];
  for (let i = 0; i < n; i++) {
    messages.push({ role: "assistant", content: null, tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "sync_account", arguments: JSON.stringify({ account_id: `acct_${i}` }) } }] });
    messages.push({ role: "tool", tool_call_id: `call_${i}`, content: JSON.stringify({ synced: i }) });
  }
  return messages;
}
