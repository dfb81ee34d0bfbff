import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../app/api/v1/openapi.json/route-index.generated";
import * as agentRuns from "../app/api/v1/agents/runs/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as approvals from "../app/api/v1/approvals/route";
import * as pendingApprovals from "../app/api/v1/approvals/pending-count/route";
import * as apiKeys from "../app/api/v1/api-keys/route";
import * as dataSources from "../app/api/v1/data-sources/route";
import * as providers from "../app/api/v1/tool-providers/route";
import * as invites from "../app/api/v1/invites/route";
import { createApiKey } from "../lib/api-keys/api-keys";
import type { RouteMeta } from "../lib/api/handler";
import { getDb } from "../lib/db";
import { revenueRun, refundThread } from "../lib/demo/demo-data";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { newId } from "../lib/ids";
import { waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// Every route, called with another workspace's key and this workspace's ids, must answer 404 or
// 403 and carry none of the data. The matrix walks the generated route index, so a new route is
// in it the day it is added; a route that needs a body says which one below. Bodies are validated
// before the handler looks anything up, so a 404 here also proves the body was accepted.

type Handler = Parameters<typeof call>[0];
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** Bodies valid enough to get past validation, so a 404 means "not yours", not "bad body". */
const BODIES: Record<string, unknown> = {
  "PATCH /api/v1/automations/{automation_id}": { name: "stolen" },
  "POST /api/v1/automations/{automation_id}/runs": { input: {} },
  "POST /api/v1/automations/{automation_id}/triggers": { kind: "webhook" },
  "POST /api/v1/chat/threads/{thread_id}/messages": { messages: [{ role: "user", content: "injected" }] },
  "PATCH /api/v1/triggers/{trigger_id}": { enabled: false },
  "POST /api/v1/automations/{automation_id}/activate": { force: true },
};

/** Not scoped by a workspace's key: the public API document, and webhooks, which their trigger's own secret signs. */
const EXEMPT = new Set(["POST /api/v1/hooks/{trigger_id}", "GET /api/v1/openapi.json"]);

let owner: { workspaceId: string; key: string };
let intruder: { workspaceId: string; key: string };
/** Keys of the owner's own workspace with the member and the admin role. */
const roleKeys = { member: "", admin: "" };
const ids: Record<string, string> = {};
let threadMessages = 0;

beforeAll(async () => {
  await startEngine(2);
  owner = await seedWorkspace("owner");
  intruder = await seedWorkspace("intruder");
  const db = await getDb();
  roleKeys.member = (await createApiKey(db, { workspaceId: owner.workspaceId, name: "member key", role: "member" })).secret;
  roleKeys.admin = (await createApiKey(db, { workspaceId: owner.workspaceId, name: "admin key", role: "admin" })).secret;
  const run = await call(agentRuns.POST, { key: owner.key, body: revenueRun });
  const thread = await call(threads.POST, { key: owner.key, body: refundThread });
  const auto = await call(automations.POST, {
    key: owner.key,
    body: { name: "owned", definition: { steps: [{ key: "gate", type: "approval_gate", inputs: { message: "Go?" } }], parameters: [] } },
  });
  const started = await call(autoRuns.POST, { key: owner.key, params: { automation_id: auto.json.id }, body: { input: {} } });
  await waitForRun(owner.key, started.json.id, ["waiting_for_approval"]);
  const approval = (await call(approvals.GET, { key: owner.key })).json.data[0];
  const trigger = await call(triggers.POST, { key: owner.key, params: { automation_id: auto.json.id }, body: { kind: "webhook" } });
  const key = await call(apiKeys.POST, { key: owner.key, body: { name: "owned key" } });
  const ds = await call(dataSources.POST, { key: owner.key, body: { name: "owned-ds", connection_string: "postgres://u:p@db.example.com/x" } });
  const tp = await call(providers.POST, { key: owner.key, body: { name: "owned-tp", kind: "http", url: "https://tools.example.com/call", tools: [{ name: "owned_tool" }] } });
  const inv = await call(invites.POST, { key: owner.key, body: { email: "invited@example.com", role: "member" } });
  const user = await db.user.create({ data: { id: newId("ws").replace("ws_", "usr_"), name: "Member", email: `member-${Date.now()}@example.com` } });
  await db.membership.create({ data: { workspaceId: owner.workspaceId, userId: user.id, role: "member" } });
  const fb = await db.flashboard.create({ data: { id: newId("fb"), workspaceId: owner.workspaceId, slug: "owned", title: "Owned board" } });
  Object.assign(ids, {
    run_id: run.json.id,
    thread_id: thread.json.id,
    automation_id: auto.json.id,
    version: "1",
    step_key: "gate",
    approval_id: approval.id,
    trigger_id: trigger.json.id,
    key_id: key.json.id,
    data_source_id: ds.json.id,
    provider_id: tp.json.id,
    flashboard_id: fb.id,
    automation_run_id: started.json.id,
    invite_id: inv.json.id,
    user_id: user.id,
  });
  for (const [name, id] of Object.entries(ids)) expect(id, name).toBeTruthy();
  threadMessages = await db.message.count({ where: { threadId: ids.thread_id } });
});

afterAll(async () => {
  await stopEngine();
});

/** The id a path parameter takes: `run_id` names an automation run under /runs, an agent run under /agents. */
const idFor = (path: string, param: string) => (param === "run_id" && path.startsWith("/api/v1/runs/") ? ids.automation_run_id! : ids[param]!);

const operations = ROUTES.flatMap((r) =>
  METHODS.filter((m) => typeof (r.module as Record<string, unknown>)[m] === "function").map((method) => ({
    method,
    path: r.path,
    handler: (r.module as Record<string, Handler>)[method]!,
    params: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  })),
);

const ownerIds = () => Object.values(ids).filter((v) => v.length > 3);

describe("workspace isolation", () => {
  it("covers every operation of the route index", () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
  });

  it("another workspace's key gets 404 or 403 on every route that names this workspace's ids, and never its data", async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.params.length > 0 && !EXEMPT.has(`${o.method} ${o.path}`))) {
      const name = `${op.method} ${op.path}`;
      const params = Object.fromEntries(op.params.map((p) => [p, idFor(op.path, p)]));
      const res = await call(op.handler, { key: intruder.key, method: op.method, params, ...(op.method === "GET" || op.method === "DELETE" ? {} : { body: BODIES[name] ?? {} }) });
      if (res.status !== 404 && res.status !== 403) failures.push(`${name}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
      const text = JSON.stringify(res.json ?? {});
      for (const id of ownerIds()) if (text.includes(id) && !Object.values(params).includes(id)) failures.push(`${name}: leaked ${id}`);
    }
    expect(failures).toEqual([]);
  });

  it("lists seen by another workspace hold none of this workspace's ids, filters included", async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.method === "GET" && o.params.length === 0 && !EXEMPT.has(`GET ${o.path}`))) {
      for (const query of ["", `automation_id=${ids.automation_id}`, `target_id=${ids.automation_id}`, "status=all"]) {
        const res = await call(op.handler, { key: intruder.key, query });
        if (res.status >= 500) failures.push(`GET ${op.path}?${query}: ${res.status}`);
        const text = JSON.stringify(res.json ?? {});
        for (const id of ownerIds()) if (text.includes(id)) failures.push(`GET ${op.path}?${query}: leaked ${id}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("another workspace counts none of this workspace's pending approvals and sees none of their context", async () => {
    expect((await call(pendingApprovals.GET, { key: owner.key })).json).toEqual({ pending: 1 });
    expect((await call(pendingApprovals.GET, { key: intruder.key })).json).toEqual({ pending: 0 });
    const own = (await call(approvals.GET, { key: owner.key })).json.data[0];
    expect(own).toMatchObject({ automation: { id: ids.automation_id, name: "owned" }, run: { id: ids.automation_run_id } });
    const seen = JSON.stringify((await call(approvals.GET, { key: intruder.key, query: "status=all" })).json);
    expect(seen).not.toContain("owned");
  });

  it("the owner reaches the same ids with the same requests, so the 404s above were not bad requests", async () => {
    const failures: string[] = [];
    // Reads only: the owner's writes are tested elsewhere, and deletes would spoil the next check.
    for (const op of operations.filter((o) => o.method === "GET" && o.params.length > 0)) {
      const params = Object.fromEntries(op.params.map((p) => [p, idFor(op.path, p)]));
      const res = await call(op.handler, { key: owner.key, params });
      if (res.status !== 200) failures.push(`GET ${op.path}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it("nothing of the owner's changed after the intruder's attempts", async () => {
    const db = await getDb();
    const a = await db.automation.findUniqueOrThrow({ where: { id: ids.automation_id } });
    expect(a.name).toBe("owned");
    expect(a.status).toBe("draft");
    expect(await db.trigger.count({ where: { automationId: a.id } })).toBe(1);
    expect((await db.trigger.findUniqueOrThrow({ where: { id: ids.trigger_id } })).enabled).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: ids.key_id } })).revokedAt).toBeNull();
    expect((await db.approval.findUniqueOrThrow({ where: { id: ids.approval_id } })).status).toBe("pending");
    expect(await db.dataSource.count({ where: { id: ids.data_source_id } })).toBe(1);
    expect(await db.toolProvider.count({ where: { id: ids.provider_id } })).toBe(1);
    expect(await db.message.count({ where: { threadId: ids.thread_id } })).toBe(threadMessages);
    expect(await db.automationRun.count({ where: { automationId: a.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { workspaceId: intruder.workspaceId } })).toBe(0);
    expect((await db.invite.findUniqueOrThrow({ where: { id: ids.invite_id } })).revokedAt).toBeNull();
    expect(await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: owner.workspaceId, userId: ids.user_id! } } })).toMatchObject({ role: "member" });
  });
});

// What each role may do, written down independently of the routes' own declarations: members use
// the workspace; owners and admins also manage its credentials, connections, invites and security
// settings; only owners decide who is in it with which role. A new route under these paths that
// forgets its `roles` fails here.
const ADMIN_ONLY = (method: string, path: string) =>
  path.startsWith("/api/v1/api-keys") ||
  (path.startsWith("/api/v1/invites") && !path.startsWith("/api/v1/invites/accept")) ||
  ((path.startsWith("/api/v1/tool-providers") || path.startsWith("/api/v1/data-sources")) && method !== "GET") ||
  (method !== "GET" && path === "/api/v1/workspaces/current");
const OWNER_ONLY = (method: string, path: string) => method !== "GET" && path.startsWith("/api/v1/members/");

/**
 * Calls `op` as `key` with input its validation refuses (a path parameter too long, or malformed
 * JSON), so an allowed call changes nothing and answers 422/400, and a refused one answers 403
 * before validation. Reads without parameters are made for real.
 */
async function tryAs(key: string, op: (typeof operations)[number]) {
  const meta = (op.handler as unknown as { meta?: RouteMeta }).meta;
  const bad = "x".repeat(101);
  if (meta?.params) return call(op.handler, { key, method: op.method, params: Object.fromEntries(op.params.map((p) => [p, bad])) });
  if (meta?.body) return call(op.handler, { key, method: op.method, raw: "{not json", headers: { "content-type": "application/json" } });
  if (op.method === "GET") return call(op.handler, { key });
  return call(op.handler, { key, method: op.method, raw: "", headers: { "content-type": "text/plain" } });
}

const refusedForRole = (res: { status: number; json: { error?: { message?: string } } | null }) => res.status === 403 && /needs the .* role/.test(res.json?.error?.message ?? "");

describe("roles", () => {
  const workspaceOps = () => operations.filter((o) => !EXEMPT.has(`${o.method} ${o.path}`));

  it("the route index has admin-only and owner-only routes to check", () => {
    expect(workspaceOps().filter((o) => ADMIN_ONLY(o.method, o.path)).length).toBeGreaterThanOrEqual(12);
    expect(workspaceOps().filter((o) => OWNER_ONLY(o.method, o.path)).length).toBe(2);
  });

  it("a member gets 403 exactly on the routes that manage the workspace, and gets through everywhere else", async () => {
    const failures: string[] = [];
    for (const op of workspaceOps()) {
      const res = await tryAs(roleKeys.member, op);
      const expected = ADMIN_ONLY(op.method, op.path) || OWNER_ONLY(op.method, op.path);
      if (refusedForRole(res) !== expected) failures.push(`${op.method} ${op.path}: ${res.status} (expected ${expected ? "403" : "allowed"})`);
      if (res.status >= 500) failures.push(`${op.method} ${op.path}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("an admin gets through everywhere except the owner-only routes", async () => {
    const failures: string[] = [];
    for (const op of workspaceOps()) {
      const res = await tryAs(roleKeys.admin, op);
      if (refusedForRole(res) !== OWNER_ONLY(op.method, op.path)) failures.push(`${op.method} ${op.path}: ${res.status}`);
      if (res.status >= 500) failures.push(`${op.method} ${op.path}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("a key created with the member role is a member key", async () => {
    const created = await call(apiKeys.POST, { key: owner.key, body: { name: "least privilege", role: "member" } });
    expect(created.status).toBe(201);
    expect(created.json.role).toBe("member");
    const res = await call(apiKeys.GET, { key: created.json.secret });
    expect(res.status).toBe(403);
    expect((await call(automations.GET, { key: created.json.secret })).status).toBe(200);
  });
});
