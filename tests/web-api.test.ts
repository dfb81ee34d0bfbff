import { beforeAll, describe, expect, it } from "vitest";
import * as runs from "../app/api/v1/agents/runs/route";
import * as threads from "../app/api/v1/chat/threads/route";
import * as keys from "../app/api/v1/api-keys/route";
import * as key from "../app/api/v1/api-keys/[key_id]/route";
import * as cronPreview from "../app/api/v1/cron-preview/route";
import * as me from "../app/api/v1/me/route";
import * as sources from "../app/api/v1/sources/route";
import * as workspaces from "../app/api/v1/workspaces/route";
import { call, seedWorkspace } from "./helpers";

// The routes the web app added: the merged run history, API keys, workspaces, cron previews.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Web API");
});

const run = (agent: string, status = "succeeded") => ({ agent, status, messages: [], tool_calls: [{ id: "c1", tool: "get_order", arguments: {}, result: {}, status: "succeeded" }] });

describe("run history", () => {
  it("merges runs and threads newest first, paged by cursor without gaps or repeats", async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = i % 2 ? await call(threads.POST, { key: ws.key, body: { title: `thread ${i}`, messages: [{ role: "user", content: "hi" }] } }) : await call(runs.POST, { key: ws.key, body: run(`agent-${i}`) });
      expect(res.status).toBe(201);
      made.push(res.json.id);
    }
    const seen: { id: string; created_at: string }[] = [];
    let cursor = "";
    for (let pages = 0; pages < 10; pages++) {
      const res = await call(sources.GET, { key: ws.key, query: `limit=3${cursor ? `&cursor=${cursor}` : ""}` });
      expect(res.status).toBe(200);
      seen.push(...res.json.data);
      if (!res.json.next_cursor) break;
      cursor = res.json.next_cursor;
    }
    // Every row once, newest first (rows made in the same millisecond are ordered by id, in the
    // database's collation).
    expect(seen.map((s) => s.id).sort()).toEqual([...made].sort());
    const times = seen.map((s) => s.created_at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("filters by kind, status and search", async () => {
    const onlyThreads = await call(sources.GET, { key: ws.key, query: "kind=chat_thread" });
    expect(onlyThreads.json.data.every((s: { kind: string }) => s.kind === "chat_thread")).toBe(true);
    const idle = await call(sources.GET, { key: ws.key, query: "status=idle" });
    expect(idle.json.data.length).toBe(3);
    const search = await call(sources.GET, { key: ws.key, query: "q=agent-4" });
    expect(search.json.data.map((s: { title: string }) => s.title)).toEqual(["agent-4"]);
    const bad = await call(sources.GET, { key: ws.key, query: "kind=email" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain("query.kind");
  });
});

describe("API keys", () => {
  it("shows a new key's secret once, lists it without, and refuses it once revoked", async () => {
    const created = await call(keys.POST, { key: ws.key, body: { name: "agent" } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^cz_/);
    const list = await call(keys.GET, { key: ws.key });
    const listed = list.json.data.find((k: { id: string }) => k.id === created.json.id);
    expect(listed).toMatchObject({ name: "agent", revoked_at: null });
    expect(JSON.stringify(list.json)).not.toContain(created.json.secret);
    expect((await call(me.GET, { key: created.json.secret })).status).toBe(200);

    const revoked = await call(key.DELETE, { key: ws.key, method: "DELETE", params: { key_id: created.json.id } });
    expect(revoked.json.revoked_at).not.toBeNull();
    expect((await call(me.GET, { key: created.json.secret })).status).toBe(401);
  });

  it("keeps keys of other workspaces out of reach", async () => {
    const other = await seedWorkspace("Other");
    const theirs = await call(keys.POST, { key: other.key, body: { name: "theirs" } });
    const res = await call(key.DELETE, { key: ws.key, method: "DELETE", params: { key_id: theirs.json.id } });
    expect(res.status).toBe(404);
    expect((await call(keys.POST, { key: ws.key, body: { name: "" } })).status).toBe(422);
  });
});

describe("workspaces and cron previews", () => {
  it("an API key sees its own workspace as the current one", async () => {
    const res = await call(workspaces.GET, { key: ws.key });
    expect(res.json.data).toEqual([{ id: ws.workspaceId, name: "Web API", role: "admin", current: true }]);
  });

  it("describes a schedule and its next fire times, and names the field at fault", async () => {
    const res = await call(cronPreview.GET, { key: ws.key, query: "cron=0%209%20*%20*%201-5&timezone=Europe%2FParis" });
    expect(res.status).toBe(200);
    expect(res.json.description).toMatch(/09:00.*Monday through Friday.*Europe\/Paris/);
    expect(res.json.next_fire_times).toHaveLength(5);
    const day = new Date(res.json.next_fire_times[0]).getUTCDay();
    expect(day).toBeGreaterThanOrEqual(1);
    expect(day).toBeLessThanOrEqual(5);
    const bad = await call(cronPreview.GET, { key: ws.key, query: "cron=61%20*%20*%20*%20*" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toMatch(/^query\.cron/);
  });
});
