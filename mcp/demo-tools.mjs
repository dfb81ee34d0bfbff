// The demo agents' tools as an MCP server definition: get_order, issue_refund, send_email,
// list_low_stock and reorder_sku, over a fixed shop. The app serves it in-process (tool provider kind "builtin");
// demo-server.mjs serves it over stdio for anyone running it by hand. Calls that carry an
// idempotency key in _meta are answered once: a repeat returns the first answer and changes nothing.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/**
 * A fresh server over `shop` ({orders, stock}, as in demo-shop.json). Each server keeps its own
 * refund and email counters and idempotency memory, as a process of its own would.
 */
export function createDemoToolsServer({ orders, stock }) {
  const seen = new Map();
  let refunds = 0;
  let emails = 0;
  let purchaseOrders = 0;

  const reply = (value) => ({ content: [{ type: "text", text: JSON.stringify(value) }], structuredContent: value });
  const fail = (message) => ({ content: [{ type: "text", text: message }], isError: true });
  const once = (extra, fn) => {
    const key = extra?._meta?.idempotency_key;
    if (key && seen.has(key)) return seen.get(key);
    const out = fn();
    if (key) seen.set(key, out);
    return out;
  };

  const server = new McpServer({ name: "crystallize-demo-tools", version: "1.0.0" });

  server.registerTool(
    "get_order",
    { description: "Look up an order with its payments.", inputSchema: { order_id: z.string() }, annotations: { readOnlyHint: true } },
    async ({ order_id }) => (Object.hasOwn(orders, order_id) ? reply(orders[order_id]) : fail(`order ${order_id} not found`)),
  );

  server.registerTool(
    "issue_refund",
    { description: "Refund a captured payment.", inputSchema: { payment_id: z.string(), amount: z.number().positive(), reason: z.string().optional() } },
    async ({ payment_id, amount }, extra) =>
      once(extra, () => {
        const payment = Object.values(orders).flatMap((o) => o.payments).find((p) => p.payment_id === payment_id);
        if (!payment) return fail(`payment ${payment_id} not found`);
        if (amount > payment.amount) return fail(`refund ${amount} exceeds the payment's ${payment.amount}`);
        refunds += 1;
        return reply({ refund_id: `re_demo${String(refunds).padStart(4, "0")}`, status: "succeeded", payment_id, amount });
      }),
  );

  server.registerTool(
    "send_email",
    { description: "Send a templated email.", inputSchema: { to: z.string(), subject: z.string(), template: z.string().optional() } },
    async ({ to }, extra) =>
      once(extra, () => {
        emails += 1;
        return reply({ message_id: `em_demo${String(emails).padStart(4, "0")}`, accepted: true, to });
      }),
  );

  server.registerTool(
    "list_low_stock",
    { description: "Products whose stock is under a threshold.", inputSchema: { threshold: z.number().int().min(0) }, annotations: { readOnlyHint: true } },
    async ({ threshold }) => reply({ items: stock.filter((s) => s.on_hand < threshold) }),
  );

  server.registerTool(
    "reorder_sku",
    { description: "Place a purchase order for a product.", inputSchema: { sku: z.string(), quantity: z.number().int().positive() } },
    async ({ sku, quantity }, extra) =>
      once(extra, () => {
        if (!stock.some((s) => s.sku === sku)) return fail(`no product ${sku}`);
        purchaseOrders += 1;
        return reply({ po_id: `po_demo${String(purchaseOrders).padStart(4, "0")}`, sku, quantity, status: "ordered" });
      }),
  );

  return server;
}
