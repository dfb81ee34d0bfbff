import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "../app/api/auth/[...all]/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as automations from "../app/api/v1/automations/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as me from "../app/api/v1/me/route";
import { bootstrap } from "../lib/bootstrap/bootstrap";
import { getDb } from "../lib/db";
import { DataDirLockedError, lockDataDir } from "../lib/db/lock";
import { call, seedWorkspace } from "./helpers";

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace();
});

describe("bad input gets a clear 4xx in one shape", () => {
  it.each([
    ["no credentials", {}, 401, "unauthorized"],
    ["an unknown key", { key: "cz_nope" }, 401, "unauthorized"],
    ["a malformed Authorization header", { headers: { authorization: "Token abc" } }, 401, "unauthorized"],
  ])("%s → %i", async (_name, opts, status, code) => {
    const res = await call(runs.GET, opts);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
  });

  it("malformed JSON → 400", async () => {
    const res = await call(runs.POST, { key: ws.key, raw: '{"agent": ', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/Malformed JSON/);
  });

  it("wrong content type → 415", async () => {
    const res = await call(runs.POST, { key: ws.key, raw: "agent=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
  });

  it("wrong types → 422 naming the field", async () => {
    const res = await call(runs.POST, { key: ws.key, body: { agent: 42 } });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("body.agent");
    const deep = await call(runs.POST, { key: ws.key, body: { agent: "a", tool_calls: [{ id: "c", tool: "t", approval: { status: "maybe" } }] } });
    expect(deep.json.error.field).toBe("body.tool_calls[0].approval.status");
    const query = await call(runs.GET, { key: ws.key, query: "limit=9999" });
    expect(query.status).toBe(422);
    expect(query.json.error.field).toBe("query.limit");
    const cursor = await call(runs.GET, { key: ws.key, query: "cursor=garbage" });
    expect(cursor.status).toBe(422);
  });

  it("oversized and deeply nested bodies are refused", async () => {
    const big = await call(automations.POST, { key: ws.key, raw: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), headers: { "content-type": "application/json" } });
    expect(big.status).toBe(413);
    const nested = "[".repeat(5000) + "]".repeat(5000);
    const deep = await call(automations.POST, { key: ws.key, raw: nested, headers: { "content-type": "application/json" } });
    expect(deep.status).toBe(400);
    expect(deep.json.error.message).toMatch(/nested deeper/);
  });

  it("a PATCH with nothing to change, or a definition without its base, is a 422", async () => {
    const created = await call(automations.POST, { key: ws.key, body: { name: "P" } });
    const empty = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: created.json.id }, body: {} });
    expect(empty.status).toBe(422);
    const noBase = await call(automation.PATCH, { key: ws.key, method: "PATCH", params: { automation_id: created.json.id }, body: { definition: { steps: [] } } });
    expect(noBase.json.error.field).toBe("body.base_version");
  });
});

describe("session auth through better-auth", () => {
  const origin = "http://localhost";
  const signUp = async (email: string) => {
    const res = await authRoute.POST(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email, password: "correct-horse-9", name: "Dana" }),
      }),
    );
    expect(res.status).toBe(200);
    return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  };

  it("a signed-up user gets a workspace and can use the API with the cookie", async () => {
    const cookie = await signUp(`dana-${Date.now()}@example.com`);
    const who = await call(me.GET, { headers: { cookie } });
    expect(who.status).toBe(200);
    expect(who.json.actor).toMatchObject({ type: "user", role: "owner" });
    const sameOrigin = await call(automations.POST, { headers: { cookie, origin }, body: { name: "Mine" } });
    expect(sameOrigin.status).toBe(201);
    const crossSite = await call(automations.POST, { headers: { cookie, origin: "https://evil.example" }, body: { name: "Theirs" } });
    expect(crossSite.status).toBe(403);
    // Without Origin, the browser's Sec-Fetch-Site still tells a cross-site form post apart.
    const noOrigin = await call(automations.POST, { headers: { cookie, "sec-fetch-site": "cross-site" }, body: { name: "Theirs" } });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.json.error.code).toBe("forbidden");
    const notMine = await seedWorkspace("Not a member");
    const otherWorkspace = await call(me.GET, { headers: { cookie, "x-workspace-id": notMine.workspaceId } });
    expect(otherWorkspace.status).toBe(404);
  });
});

describe("bootstrap and the data-folder lock", () => {
  it("creates nothing when a workspace already exists", async () => {
    const db = await getDb();
    const before = await db.workspace.count();
    expect(await bootstrap(db, { apiKey: "cz_should_not_exist", seedDemo: true })).toBeNull();
    expect(await db.workspace.count()).toBe(before);
    expect(await db.apiKey.count({ where: { prefix: "cz_shou" } })).toBe(0);
  });

  it("keeps a second process out of a locked data folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cz-lock-"));
    const { spawnSync } = await import("node:child_process");
    // A live process (this one's parent) holds the lock file; a stale pid is taken over.
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "crystallize.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path.join(dir, "crystallize.lock"), dead);
    const release = lockDataDir(dir);
    release();
  });
});
