import { expect, test } from "@playwright/test";
import { ADMIN_KEY } from "./helpers";

// Upload size against the real production server: the documented 32 MiB ingest limit holds over
// HTTP, with nothing in front of the route cutting a body short.

const auth = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

/** An OpenAI chat log of `calls` answered tool calls whose results are `resultBytes` long each. */
function chatLog(calls: number, resultBytes: number) {
  const messages: unknown[] = [{ role: "user", content: "Sync every account" }];
  for (let i = 0; i < calls; i++) {
    messages.push({ role: "assistant", content: null, tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "sync_account", arguments: JSON.stringify({ account_id: `acct_${i}` }) } }] });
    messages.push({ role: "tool", tool_call_id: `call_${i}`, content: `${i}:`.padEnd(resultBytes, "x") });
  }
  return JSON.stringify({ transcript: messages });
}

test("[INGEST] a 12 MB import is read whole", async ({ request }) => {
  const body = chatLog(1_000, 12_000);
  expect(body.length).toBeGreaterThan(12_000_000);
  const res = await request.post("/api/v1/agents/runs/import", { headers: auth, data: body, timeout: 120_000 });
  expect(res.status(), await res.text()).toBe(201);
  const out = await res.json();
  expect(out.report).toMatchObject({ format: "openai-chat", messages: 2_001, tool_calls: 1_000 });
  // API responses carry the security headers without the page proxy.
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
});

test("[INGEST] a body over 32 MiB gets 413 in the error shape", async ({ request }) => {
  const body = chatLog(1_000, 34_000);
  expect(body.length).toBeGreaterThan(32 * 1024 * 1024);
  const res = await request.post("/api/v1/agents/runs/import", { headers: auth, data: body, timeout: 120_000 });
  expect(res.status()).toBe(413);
  const out = await res.json();
  expect(out.error.code).toBe("payload_too_large");
  expect(out.error.message).toContain("32768 KiB");
});

test("[INGEST] pages keep their nonce-based script policy", async ({ request }) => {
  const res = await request.get("/sign-in");
  expect(res.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
});

test("[INGEST] the server keeps an idle connection longer than clients and proxies do", async ({ request }) => {
  // A server that closes a kept-alive connection first races the client's next request on it.
  const res = await request.get("/api/v1/sources", { headers: auth });
  expect(res.status()).toBe(200);
  expect(res.headers()["keep-alive"]).toBe("timeout=65");
});
