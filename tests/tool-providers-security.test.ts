import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as auditLog from "../app/api/v1/audit-log/route";
import * as automations from "../app/api/v1/automations/route";
import * as activation from "../app/api/v1/automations/[automation_id]/activation/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as providers from "../app/api/v1/tool-providers/route";
import * as provider from "../app/api/v1/tool-providers/[provider_id]/route";
import * as refresh from "../app/api/v1/tool-providers/[provider_id]/refresh/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { migrateStoredDemoProviders } from "../lib/bootstrap/migrate-demo-providers";
import { newId } from "../lib/ids";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// A workspace owner is a stranger: a tool provider must not make the server run a command of
// their choosing. Each attack's command leaves a marker file when it runs, so "not started" is
// observed on the machine, not inferred from the response.

let tmp: string;
const marker = (name: string) => path.join(tmp, name);
const touch = (name: string) => ({ command: "sh", args: ["-c", `touch '${marker(name)}'`] });

/** True once `file` exists, false if it has not appeared by the deadline (a spawned command runs at once). */
async function appears(file: string, withinMs = 1_500) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return existsSync(file);
}

/** The live processes whose parent is this test process (read from /proc, so nothing is stubbed). */
function childPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

const auditOf = async (key: string, action: string) =>
  (await call(auditLog.GET, { key, query: `action=${action}` })).json.data as { action: string; target_id: string; details: Record<string, unknown> }[];

const SETTINGS = ["ALLOW_STDIO_TOOLS", "STDIO_TOOLS_ALLOW"] as const;
const saved = Object.fromEntries(SETTINGS.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "cz-stdio-"));
  // Every test starts from the defaults; a test that turns stdio on is the operator doing so.
  for (const k of SETTINGS) delete process.env[k];
});
afterEach(() => {
  for (const k of SETTINGS) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  rmSync(tmp, { recursive: true, force: true });
});

describe("stdio tool providers with default settings", () => {
  it("refuses a command in the one error shape, starts nothing, and audits the refusal", async () => {
    const ws = await seedWorkspace("stdio-default");
    const res = await call(providers.POST, { key: ws.key, body: { name: "pwn", kind: "mcp_stdio", ...touch("pwned") } });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: { code: "forbidden", message: expect.stringContaining("ALLOW_STDIO_TOOLS=1"), field: "body.kind" } });
    expect(await appears(marker("pwned"))).toBe(false);
    expect((await call(providers.GET, { key: ws.key })).json.data).toEqual([]);

    const [refused, ...more] = await auditOf(ws.key, "tool_provider.refused");
    expect(more).toEqual([]);
    expect(refused!.details).toMatchObject({ name: "pwn", operation: "create", kind: "mcp_stdio", command: "sh", reason: "stdio_disabled", field: "kind" });
    expect(refused!.details.args).toEqual(touch("pwned").args);

    // The marker does show a started command: the same request once the operator allows any command.
    process.env.ALLOW_STDIO_TOOLS = "1";
    await call(providers.POST, { key: ws.key, body: { name: "pwn", kind: "mcp_stdio", ...touch("allowed") } });
    expect(await appears(marker("allowed"), 10_000)).toBe(true);
  });
});

describe("an allow-list of executables", () => {
  it("starts only the listed absolute path, with no env that changes what it loads", async () => {
    process.env.ALLOW_STDIO_TOOLS = "1";
    process.env.STDIO_TOOLS_ALLOW = ` ${process.execPath} , node `;
    const ws = await seedWorkspace("stdio-allow");
    const create = (name: string, cfg: Record<string, unknown>) => call(providers.POST, { key: ws.key, body: { name, kind: "mcp_stdio", ...cfg } });

    const other = await create("sh", touch("other"));
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ code: "forbidden", field: "body.command" });
    expect(other.json.error.message).not.toContain(process.execPath); // the list is the operator's

    // A bare name goes through PATH, so it names no one file, even when the list holds it.
    const bare = await create("bare", { command: "node", args: ["-e", `require("fs").writeFileSync(${JSON.stringify(marker("bare"))}, "")`] });
    expect(bare.status).toBe(403);
    expect(bare.json.error.field).toBe("body.command");

    // The allowed executable, made to load a tenant's code through its environment.
    const hook = path.join(tmp, "hook.cjs");
    writeFileSync(hook, `require("fs").writeFileSync(${JSON.stringify(marker("hooked"))}, "")`);
    for (const [name, value] of [
      ["NODE_OPTIONS", `--require ${hook}`],
      ["LD_PRELOAD", path.join(tmp, "evil.so")],
      ["PATH", tmp],
      ["DYLD_INSERT_LIBRARIES", path.join(tmp, "evil.dylib")],
      ["node_options", `--require ${hook}`],
    ]) {
      const res = await create(`env-${name}`, { command: process.execPath, args: ["mcp/demo-server.mjs"], env: { API_TOKEN: "t", [name!]: value } });
      expect(res.status, name).toBe(403);
      expect(res.json.error, name).toMatchObject({ code: "forbidden", field: `body.env.${name}` });
    }
    expect(await appears(marker("other"))).toBe(false);
    expect(existsSync(marker("bare"))).toBe(false);
    expect(existsSync(marker("hooked"))).toBe(false);
    expect((await auditOf(ws.key, "tool_provider.refused")).map((e) => e.details.reason).sort()).toEqual([
      "command_not_allowed",
      "command_not_allowed",
      ...Array(5).fill("env_refused"),
    ]);

    // The listed executable with plain env starts: the demo server run by hand over stdio. It is
    // seen as a child of this process, which is how the built-in test below sees that none starts.
    const before = childPids();
    const ok = await create("demo-by-hand", { command: process.execPath, args: ["mcp/demo-server.mjs"], env: { NODE_ENV: "production", API_TOKEN: "t" } });
    expect(ok.status).toBe(201);
    expect(ok.json.tools.map((t: { name: string }) => t.name)).toEqual(["get_order", "issue_refund", "send_email", "list_low_stock", "reorder_sku"]);
    expect(ok.json.config).toEqual({ command: process.execPath, args: ["mcp/demo-server.mjs"], env_names: ["NODE_ENV", "API_TOKEN"] });
    expect(childPids().filter((p) => !before.includes(p))).toHaveLength(1);
  });
});

describe("a stdio provider stored before stdio was turned off", () => {
  async function storedStdio(ws: { workspaceId: string }, cfg: { command: string; args: string[] }) {
    const db = await getDb();
    const row = await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "old-stdio", kind: "mcp_stdio", config: { ...cfg, env: {} }, tools: [{ name: "pwn_tool" }] },
    });
    return row.id;
  }

  it("is not started by a refresh, which is refused and audited", async () => {
    const ws = await seedWorkspace("stdio-stored-refresh");
    const id = await storedStdio(ws, touch("refreshed"));
    const res = await call(refresh.POST, { key: ws.key, params: { provider_id: id }, method: "POST" });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "forbidden", field: "config.kind" });
    expect(await appears(marker("refreshed"))).toBe(false);
    const [refused] = await auditOf(ws.key, "tool_provider.refused");
    expect(refused).toMatchObject({ target_id: id, details: { operation: "refresh", reason: "stdio_disabled" } });
  });

  it("blocks activation, and is not started by a step run: the step fails, once, saying why", async () => {
    const ws = await seedWorkspace("stdio-stored-run");
    await storedStdio(ws, touch("ran"));
    const auto = await call(automations.POST, {
      key: ws.key,
      body: { name: "uses old tool", definition: { steps: [{ key: "pwn", type: "action", action_kind: "pwn_tool", inputs: {}, retry: { max_retries: 2, backoff_ms: 50 } }] } },
    });
    expect(auto.status).toBe(201);
    const check = await call(activation.GET, { key: ws.key, params: { automation_id: auto.json.id } });
    expect(check.json).toMatchObject({ can_activate: false, blockers: [{ step: "pwn", reason: "unbound_tool", message: expect.stringContaining("may not start its command") }] });
    const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: {} } });
    expect(started.status).toBe(201);
    const run = await waitForRun(ws.key, started.json.id);
    expect(run.status).toBe("failed");
    const step = run.steps.find((s: { step_key: string }) => s.step_key === "pwn");
    expect(step).toMatchObject({ status: "failed", attempts: 1, error: expect.stringContaining("may not start its command") });
    expect(step.error).toContain("ALLOW_STDIO_TOOLS=1");
    expect(await appears(marker("ran"))).toBe(false);
  });
});

describe("the built-in demo tools", () => {
  it("list and call their tools in-process, starting no process", async () => {
    const ws = await seedWorkspace("builtin");
    const before = childPids();
    const created = await call(providers.POST, { key: ws.key, body: { name: "demo-tools", kind: "builtin", server: "demo-tools" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: "builtin", config: { server: "demo-tools" } });
    const tools = created.json.tools as { name: string; input_schema: { properties: object } }[];
    expect(tools.map((t) => t.name)).toEqual(["get_order", "issue_refund", "send_email", "list_low_stock", "reorder_sku"]);
    expect(Object.keys(tools.find((t) => t.name === "get_order")!.input_schema.properties)).toEqual(["order_id"]);

    const auto = await call(automations.POST, {
      key: ws.key,
      body: {
        name: "look up and refund",
        definition: {
          steps: [
            { key: "order", type: "action", action_kind: "get_order", inputs: { order_id: "ORD-1042" } },
            { key: "missing", type: "action", action_kind: "get_order", inputs: { order_id: "constructor" } },
          ],
        },
      },
    });
    const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: {} } });
    const run = await waitForRun(ws.key, started.json.id);
    const byKey = Object.fromEntries(run.steps.map((s: { step_key: string }) => [s.step_key, s]));
    expect(byKey.order).toMatchObject({ status: "succeeded", output: { order_id: "ORD-1042" } });
    expect(byKey.missing).toMatchObject({ status: "failed", error: expect.stringContaining("order constructor not found") });
    expect(childPids().filter((p) => !before.includes(p))).toEqual([]);
  });

  it("name a server the app ships, nothing else", async () => {
    const ws = await seedWorkspace("builtin-unknown");
    const res = await call(providers.POST, { key: ws.key, body: { name: "x", kind: "builtin", server: "../../bin/sh" } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "body.server" });
  });
});

describe("provider changes are audited", () => {
  it("created, refreshed and deleted each write an event", async () => {
    const ws = await seedWorkspace("audited-providers");
    const created = await call(providers.POST, { key: ws.key, body: { name: "demo-tools", kind: "builtin", server: "demo-tools" } });
    const id = created.json.id as string;
    expect((await call(refresh.POST, { key: ws.key, params: { provider_id: id }, method: "POST" })).status).toBe(200);
    expect((await call(provider.DELETE, { key: ws.key, params: { provider_id: id }, method: "DELETE" })).status).toBe(204);
    const events = (await call(auditLog.GET, { key: ws.key, query: `target_id=${id}` })).json.data as { action: string; details: Record<string, unknown> }[];
    expect(events.map((e) => e.action).sort()).toEqual(["tool_provider.created", "tool_provider.deleted", "tool_provider.refreshed"]);
    expect(events.find((e) => e.action === "tool_provider.refreshed")!.details).toMatchObject({ name: "demo-tools", kind: "builtin", tools: ["get_order", "issue_refund", "send_email", "list_low_stock", "reorder_sku"] });
  });
});

describe("demo providers stored as a command", () => {
  it("move to the built-in server at start, audited; other commands stay as they are (and stay off)", async () => {
    const ws = await seedWorkspace("legacy-demo");
    const db = await getDb();
    const legacy = await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "demo-tools", kind: "mcp_stdio", config: { command: "node", args: ["mcp/demo-server.mjs"], env: {} }, tools: [{ name: "get_order" }] },
    });
    const other = await db.toolProvider.create({
      data: { id: newId("tp"), workspaceId: ws.workspaceId, name: "other", kind: "mcp_stdio", config: { command: "node", args: ["mcp/demo-server.mjs", "--x"], env: {} }, tools: [] },
    });

    expect(await migrateStoredDemoProviders(db)).toBeGreaterThanOrEqual(1);
    expect(await db.toolProvider.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({ kind: "builtin", config: { server: "demo-tools" } });
    expect(await db.toolProvider.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ kind: "mcp_stdio" });
    expect(await migrateStoredDemoProviders(db)).toBe(0);
    const [moved] = await auditOf(ws.key, "tool_provider.migrated");
    expect(moved).toMatchObject({ target_id: legacy.id, details: { to: { kind: "builtin", server: "demo-tools" } } });

    // With stdio off, the moved demo provider still answers; it starts nothing.
    const refreshed = await call(refresh.POST, { key: ws.key, params: { provider_id: legacy.id }, method: "POST" });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.tools.map((t: { name: string }) => t.name)).toContain("issue_refund");
  });
});
