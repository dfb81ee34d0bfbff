import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importRun from "../app/api/v1/agents/runs/import/route";
import * as apiKeys from "../app/api/v1/api-keys/route";
import * as approvals from "../app/api/v1/approvals/route";
import * as approve from "../app/api/v1/approvals/[approval_id]/approve/route";
import * as apiKey from "../app/api/v1/api-keys/[key_id]/route";
import * as auditLog from "../app/api/v1/audit-log/route";
import * as automations from "../app/api/v1/automations/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as dataSources from "../app/api/v1/data-sources/route";
import * as events from "../app/api/v1/events/route";
import * as hooks from "../app/api/v1/hooks/[trigger_id]/route";
import * as providers from "../app/api/v1/tool-providers/route";
import * as rotate from "../app/api/v1/triggers/[trigger_id]/rotate-secret/route";
import * as current from "../app/api/v1/workspaces/current/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { newId } from "../lib/ids";
import { checkUrl, parseAllowList, type EgressPolicy } from "../lib/security/egress";
import { sealStoredSecrets } from "../lib/security/seal-stored";
import { openSecret, sealSecret } from "../lib/security/secrets";
import { startHttpServer, waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

type Ws = { workspaceId: string; key: string };

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

const echoStep = [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.data", data: null }, parameter_refs: [{ input_path: "/data", parameter: "p" }] }];

async function newAutomation(ws: Ws, steps: unknown[], parameters: unknown[] = []) {
  const res = await call(automations.POST, { key: ws.key, body: { name: `sec ${newId("auto")}`, definition: { steps, parameters } } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function runOnce(ws: Ws, steps: unknown[]) {
  const id = await newAutomation(ws, steps);
  const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: id }, body: { input: {} } });
  expect(started.status).toBe(201);
  return waitForRun(ws.key, started.json.id);
}

async function webhookFor(ws: Ws) {
  const id = await newAutomation(ws, echoStep, [{ name: "p", type: "json", default: null }]);
  expect((await call(activate.POST, { key: ws.key, params: { automation_id: id }, body: {} })).status).toBe(200);
  const t = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook" } });
  expect(t.status).toBe(201);
  return { automationId: id, triggerId: t.json.id as string, secret: t.json.secret as string };
}

const sendHook = (triggerId: string, body: string, signature: string) =>
  call(hooks.POST, { params: { trigger_id: triggerId }, raw: body, method: "POST", headers: { "content-type": "application/json", "x-crystallize-signature": signature } });

describe("secrets at rest", () => {
  it("webhook secrets, connection strings and provider headers are stored sealed and never returned after creation", async () => {
    const ws = await seedWorkspace("secrets", { egressAllowList: ["127.0.0.1"] });
    const db = await getDb();
    const hook = await webhookFor(ws);
    expect(hook.secret).toMatch(/^whsec_/);
    const storedHook = await db.trigger.findUniqueOrThrow({ where: { id: hook.triggerId } });
    expect(storedHook.secret).toMatch(/^enc:v1:/);
    expect(storedHook.secret).not.toContain(hook.secret);
    const listed = await call(triggers.GET, { key: ws.key, params: { automation_id: hook.automationId } });
    expect(JSON.stringify(listed.json)).not.toContain(hook.secret);
    expect(JSON.stringify(listed.json)).not.toContain("enc:v1");

    // The sealed secret still verifies deliveries, and a rotation shows the new one once.
    const body = JSON.stringify({ p: 1 });
    expect((await sendHook(hook.triggerId, body, signWebhook(hook.secret, body))).status).toBe(202);
    const rotated = await call(rotate.POST, { key: ws.key, params: { trigger_id: hook.triggerId }, method: "POST" });
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect((await sendHook(hook.triggerId, body, signWebhook(hook.secret, JSON.stringify({ p: 2 })))).status).toBe(401);

    const conn = "postgres://reporter:hunter2-very-secret@db.example.com:5432/sales";
    const ds = await call(dataSources.POST, { key: ws.key, body: { name: "sales", connection_string: conn } });
    expect(ds.status).toBe(201);
    expect(JSON.stringify(ds.json)).not.toContain("hunter2");
    expect(ds.json.host).toBe("db.example.com:5432/sales");
    const storedDs = await db.dataSource.findUniqueOrThrow({ where: { id: ds.json.id } });
    expect(storedDs.connectionString).toMatch(/^enc:v1:/);
    expect(openSecret(storedDs.connectionString)).toBe(conn);

    const tool = await startHttpServer((req) => ({ status: 200, body: { auth: req.headers.authorization } }));
    try {
      const p = await call(providers.POST, {
        key: ws.key,
        body: { name: "billing", kind: "http", url: `${tool.url}/tool`, headers: { authorization: "Bearer tok-very-secret" }, tools: [{ name: "charge" }] },
      });
      expect(p.status).toBe(201);
      expect(JSON.stringify(p.json)).not.toContain("tok-very-secret");
      expect(p.json.config.header_names).toEqual(["authorization"]);
      const stored = await db.toolProvider.findUniqueOrThrow({ where: { id: p.json.id } });
      expect(JSON.stringify(stored.config)).not.toContain("tok-very-secret");
      // The step still sends the real header.
      const run = await runOnce(ws, [{ key: "charge", type: "action", action_kind: "charge", inputs: {} }]);
      expect(run.status).toBe("succeeded");
      expect(tool.requests[0]!.headers.authorization).toBe("Bearer tok-very-secret");
    } finally {
      await tool.close();
    }
  });

  it("values written before sealing are sealed at start, and a tampered value does not open", async () => {
    const ws = await seedWorkspace("legacy");
    const db = await getDb();
    const id = await newAutomation(ws, echoStep, [{ name: "p", type: "json", default: null }]);
    const legacy = await db.trigger.create({ data: { id: newId("trg"), workspaceId: ws.workspaceId, automationId: id, kind: "webhook", secret: "whsec_plain_legacy" } });
    expect(await sealStoredSecrets(db)).toBeGreaterThanOrEqual(1);
    const sealed = (await db.trigger.findUniqueOrThrow({ where: { id: legacy.id } })).secret!;
    expect(sealed).toMatch(/^enc:v1:/);
    expect(openSecret(sealed)).toBe("whsec_plain_legacy");
    expect(await sealStoredSecrets(db)).toBe(0);

    const parts = sealSecret("abc").split(":");
    parts[parts.length - 1] = Buffer.from("xyz").toString("base64");
    expect(() => openSecret(parts.join(":"))).toThrow();
  });
});

describe("egress: no SSRF", () => {
  const policy = (entries: string[]) => parseAllowList(entries) as EgressPolicy;

  it("classifies targets before connecting", () => {
    const none = policy([]);
    for (const url of ["http://127.0.0.1/", "http://10.1.2.3/", "http://192.168.0.10/", "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"])
      expect(() => checkUrl(url, none), url).toThrow(/refused/);
    for (const url of ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/"]) expect(() => checkUrl(url, none), url).toThrow(/not allowed/);
    expect(checkUrl("https://93.184.216.34/x", none).hostname).toBe("93.184.216.34");
    expect(() => checkUrl("http://10.1.2.3/", policy(["10.0.0.0/8"]))).not.toThrow();
    expect(() => checkUrl("http://10.1.2.3/", policy(["10.1.2.4"]))).toThrow(/refused/);
    expect(parseAllowList(["10.0.0.0/99"])).toMatch(/not a valid network/);
    expect(parseAllowList(["exa mple.com"])).toMatch(/not a host name/);
  });

  it("steps cannot reach loopback hosts until the workspace allows them; redirects are checked on every hop", async () => {
    const ws = await seedWorkspace("egress");
    const target = await startHttpServer(() => ({ status: 200, body: { secret: "internal" } }));
    const port = new URL(target.url).port;
    // Answers on "localhost" with a redirect to the loopback IP, to test that the second hop is checked too.
    const redirector = createServer((_req, res) => {
      res.writeHead(302, { location: `${target.url}/after-redirect` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    const redirectPort = (redirector.address() as AddressInfo).port;
    try {
      const attempts = [
        { key: "ip", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `${target.url}/x` } },
        { key: "name", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `http://localhost:${port}/x` } },
        { key: "mapped", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `http://[::ffff:127.0.0.1]:${port}/x` } },
        { key: "hook", type: "action", action_kind: "notify", inputs: { webhook_url: `${target.url}/notify`, message: "hi" } },
      ];
      for (const step of attempts) {
        const run = await runOnce(ws, [{ ...step, retry: { max_attempts: 1 } }]);
        expect(run.status, step.key).toBe("failed");
        expect(run.steps[0].error, step.key).toMatch(/refused: .*(loopback|private)/);
      }
      const mcp = await call(providers.POST, { key: ws.key, body: { name: "internal-mcp", kind: "mcp_http", url: `${target.url}/mcp` } });
      expect(mcp.status).toBe(422);
      expect(mcp.json.error.message).toMatch(/refused/);
      expect(target.requests).toHaveLength(0);

      // "localhost" is trusted by name, but the redirect to 127.0.0.1 is not.
      const bad = await call(current.PATCH, { key: ws.key, method: "PATCH", body: { egress_allow_list: ["localhost", "10.0.0.0/33"] } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.field).toBe("body.egress_allow_list[1]");
      expect((await call(current.PATCH, { key: ws.key, method: "PATCH", body: { egress_allow_list: ["localhost"] } })).status).toBe(200);
      const hop = await runOnce(ws, [{ key: "hop", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `http://localhost:${redirectPort}/start` }, retry: { max_attempts: 1 } }]);
      expect(hop.status).toBe("failed");
      expect(hop.steps[0].error).toMatch(/127\.0\.0\.1.*refused/);
      expect(target.requests).toHaveLength(0);

      const allowed = await call(current.PATCH, { key: ws.key, method: "PATCH", body: { egress_allow_list: ["localhost", "127.0.0.1"] } });
      expect(allowed.json.egress_allow_list).toEqual(["localhost", "127.0.0.1"]);
      const ok = await runOnce(ws, [{ key: "hop", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `http://localhost:${redirectPort}/start` } }]);
      expect(ok.status).toBe("succeeded");
      expect(target.requests.map((r) => r.url)).toEqual(["/after-redirect"]);
    } finally {
      await target.close();
      await new Promise((r) => redirector.close(r));
    }
  });
});

describe("webhooks: signatures and replays", () => {
  it("the same signed delivery starts one run, even sent again at once or in parallel", async () => {
    const ws = await seedWorkspace("replay");
    const hook = await webhookFor(ws);
    const body = JSON.stringify({ p: { order: "ORD-1" } });
    const signature = signWebhook(hook.secret, body);
    const first = await sendHook(hook.triggerId, body, signature);
    expect(first.status).toBe(202);
    expect(first.json.replayed).toBe(false);
    const again = await sendHook(hook.triggerId, body, signature);
    expect(again.json).toEqual({ run_id: first.json.run_id, replayed: true });

    const body2 = JSON.stringify({ p: { order: "ORD-2" } });
    const sig2 = signWebhook(hook.secret, body2);
    const parallel = await Promise.all(Array.from({ length: 6 }, () => sendHook(hook.triggerId, body2, sig2)));
    expect(parallel.map((r) => r.status)).toEqual(Array(6).fill(202));
    expect(new Set(parallel.map((r) => r.json.run_id)).size).toBe(1);

    const runs = await call(autoRuns.GET, { key: ws.key, params: { automation_id: hook.automationId } });
    expect(runs.json.data).toHaveLength(2);
    // Altered body with the old signature, and a signature for another trigger's secret, are refused.
    expect((await sendHook(hook.triggerId, body2.replace("ORD-2", "ORD-3"), sig2)).status).toBe(401);
    expect((await sendHook(hook.triggerId, body2, signWebhook("whsec_other", body2))).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("events, imports and webhooks answer 429 with Retry-After past their budget", async () => {
    process.env.RATE_LIMIT_EVENTS_PER_MIN = "5";
    process.env.RATE_LIMIT_IMPORT_PER_MIN = "2";
    process.env.RATE_LIMIT_WEBHOOK_PER_MIN = "3";
    try {
      const ws = await seedWorkspace("limits");
      const other = await seedWorkspace("limits-other");
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await call(events.POST, { key: ws.key, body: { name: "tick", payload: {} } })).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const limited = await call(events.POST, { key: ws.key, body: { name: "tick", payload: {} } });
      expect(limited.json.error.code).toBe("rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Budgets are per workspace.
      expect((await call(events.POST, { key: other.key, body: { name: "tick", payload: {} } })).status).toBe(202);

      // Three different files: the same one again would be refused as a re-import.
      const transcript = (i: number) => ({ format: "openai-chat", transcript: { messages: [{ role: "user", content: `hi ${i}` }] } });
      const imports = [];
      for (let i = 0; i < 3; i++) imports.push((await call(importRun.POST, { key: ws.key, body: transcript(i) })).status);
      expect(imports).toEqual([201, 201, 429]);

      const hook = await webhookFor(ws);
      const hookStatuses = [];
      for (let i = 0; i < 4; i++) {
        const body = JSON.stringify({ p: i });
        hookStatuses.push((await sendHook(hook.triggerId, body, signWebhook(hook.secret, body))).status);
      }
      expect(hookStatuses).toEqual([202, 202, 202, 429]);
    } finally {
      delete process.env.RATE_LIMIT_EVENTS_PER_MIN;
      delete process.env.RATE_LIMIT_IMPORT_PER_MIN;
      delete process.env.RATE_LIMIT_WEBHOOK_PER_MIN;
    }
  });

  it("webhook bodies over the limit are a 413 before anything is read into a run", async () => {
    const ws = await seedWorkspace("body-limit");
    const hook = await webhookFor(ws);
    const body = JSON.stringify({ p: "x".repeat(1024 * 1024 + 10) });
    const res = await sendHook(hook.triggerId, body, signWebhook(hook.secret, body));
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
  });
});

describe("audit log", () => {
  it("records edits, activations, approvals, triggers and key changes, with who did them, per workspace", async () => {
    const ws = await seedWorkspace("audited");
    const other = await seedWorkspace("not-audited");
    const id = await newAutomation(ws, echoStep, [{ name: "p", type: "json", default: null }]);
    const before = await call(automation.GET, { key: ws.key, params: { automation_id: id } });
    const edited = await call(automation.PATCH, {
      key: ws.key,
      method: "PATCH",
      params: { automation_id: id },
      body: { base_version: before.json.version, definition: before.json.definition, message: "same steps, new version" },
    });
    expect(edited.status).toBe(200);
    await call(activate.POST, { key: ws.key, params: { automation_id: id }, body: {} });
    const t = await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "webhook" } });
    await call(rotate.POST, { key: ws.key, params: { trigger_id: t.json.id }, method: "POST" });
    const key = await call(apiKeys.POST, { key: ws.key, body: { name: "ci" } });
    await call(apiKey.DELETE, { key: ws.key, method: "DELETE", params: { key_id: key.json.id } });
    const gated = await newAutomation(ws, [{ key: "gate", type: "approval_gate", inputs: { message: "Go?" } }]);
    const gatedRun = await call(autoRuns.POST, { key: ws.key, params: { automation_id: gated }, body: { input: {} } });
    await waitForRun(ws.key, gatedRun.json.id, ["waiting_for_approval"]);
    const pending = (await call(approvals.GET, { key: ws.key })).json.data[0];
    expect((await call(approve.POST, { key: ws.key, params: { approval_id: pending.id }, body: { comment: "fine" } })).status).toBe(200);
    // A refused change writes nothing.
    await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: id }, body: { base_version: 1, definition: before.json.definition } });

    const log = await call(auditLog.GET, { key: ws.key });
    expect(log.status).toBe(200);
    expect(log.json.data.map((e: { action: string }) => e.action)).toEqual([
      "approval.approved",
      "automation.run_started",
      "automation.created",
      "api_key.revoked",
      "api_key.created",
      "trigger.secret_rotated",
      "trigger.created",
      "automation.activated",
      "automation.version_created",
      "automation.created",
    ]);
    expect(log.json.data[0]).toMatchObject({ target_id: pending.id, details: { comment: "fine" } });
    const created = log.json.data.find((e: { action: string; target_id: string }) => e.action === "automation.created" && e.target_id === id);
    expect(created).toMatchObject({ target_type: "automation", target_id: id, actor_name: "test" });
    expect(created.actor).toMatch(/^key:key_/);
    expect(JSON.stringify(log.json)).not.toMatch(/whsec_|cz_/);

    const filtered = await call(auditLog.GET, { key: ws.key, query: "action=api_key." });
    expect(filtered.json.data).toHaveLength(2);
    const byTarget = await call(auditLog.GET, { key: ws.key, query: `target_id=${id}&limit=1` });
    expect(byTarget.json.data).toHaveLength(1);
    expect(byTarget.json.data[0].action).toBe("automation.activated");
    expect(byTarget.json.next_cursor).toBeTruthy();
    expect((await call(auditLog.GET, { key: other.key })).json.data).toEqual([]);
  });
});

describe("MCP over HTTP through the egress guard", () => {
  it("an allow-listed Streamable HTTP MCP server is listed and called; the same server is refused without the allow-list", async () => {
    const { McpServer } = await import("@modelcontextprotocol/sdk/server/mcp.js");
    const { StreamableHTTPServerTransport } = await import("@modelcontextprotocol/sdk/server/streamableHttp.js");
    const { z } = await import("zod");
    let calls = 0;
    // Stateless: a fresh server and transport per request, as the SDK documents for that mode.
    const http = createServer(async (req, res) => {
      const mcp = new McpServer({ name: "http-tools", version: "1.0.0" });
      mcp.registerTool("lookup_price", { inputSchema: { sku: z.string() } }, async ({ sku }) => {
        calls++;
        return { content: [{ type: "text", text: JSON.stringify({ sku, price: 42 }) }], structuredContent: { sku, price: 42 } };
      });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => void transport.close());
      await mcp.connect(transport);
      await transport.handleRequest(req, res);
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
    try {
      const closed = await seedWorkspace("mcp-closed");
      expect((await call(providers.POST, { key: closed.key, body: { name: "prices", kind: "mcp_http", url } })).status).toBe(422);
      const open = await seedWorkspace("mcp-open", { egressAllowList: ["127.0.0.1"] });
      const p = await call(providers.POST, { key: open.key, body: { name: "prices", kind: "mcp_http", url } });
      expect(p.status).toBe(201);
      expect(p.json.tools.map((t: { name: string }) => t.name)).toEqual(["lookup_price"]);
      const run = await runOnce(open, [{ key: "price", type: "action", action_kind: "lookup_price", inputs: { sku: "A-1" } }]);
      expect(run.status).toBe("succeeded");
      expect(run.steps[0].output).toEqual({ sku: "A-1", price: 42 });
      expect(calls).toBe(1);
    } finally {
      http.closeAllConnections(); // pooled keep-alive connections would hold close() open
      await new Promise((r) => http.close(r));
    }
  });
});
