import { syncAccountsLog } from "./crystallize-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import * as runImport from "../app/api/v1/agents/runs/import/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as run from "../app/api/v1/agents/runs/[run_id]/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as threadImport from "../app/api/v1/chat/threads/import/route";
import * as thread from "../app/api/v1/chat/threads/[thread_id]/route";
import { getDb } from "../lib/db";
import { stageRun } from "../lib/sources/create-run";
import { buildSourceRows } from "../lib/sources/build-rows";
import { toSourceChunks } from "../lib/sources/source-chunks";
import { removeAbandonedSources, STAGED_ABANDONED_AFTER_MS } from "../lib/sources/write-staged";
import { insertSourceChunks } from "../lib/sources/write-rows";
import { newId } from "../lib/ids";
import type { TMessageInput } from "../lib/sources/schemas";
import { call, seedWorkspace } from "./helpers";

// A new run or thread is written in chunks outside one long transaction (write-staged.ts): these
// check that nobody sees it before it is whole, and that a failed or abandoned one leaves nothing.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Staged");
});

const chatLog = (n: number) => ({ transcript: syncAccountsLog(n) });

/** The same conversation as native messages, the shape rows are built from. */
function nativeMessages(n: number) {
  const messages: TMessageInput[] = [{ role: "user", content: "Sync every account" }];
  for (let i = 0; i < n; i++) {
    messages.push({ role: "assistant", content: "", tool_calls: [{ id: `call_${i}`, tool: "sync_account", arguments: { account_id: `acct_${i}` } }] });
    messages.push({ role: "tool", tool_call_id: `call_${i}`, content: JSON.stringify({ synced: i }) });
  }
  return messages;
}

const runFields = { agent: "staged", status: "succeeded" as const };

describe("staged sources", () => {
  it("imports a run over several chunks, and reads back exactly what the import answered", async () => {
    const imported = await call(runImport.POST, { key: ws.key, body: chatLog(1500) });
    expect(imported.status).toBe(201);
    expect(imported.json.report).toMatchObject({ messages: 3001, tool_calls: 1500 });
    const got = await call(run.GET, { key: ws.key, params: { run_id: imported.json.run.id } });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(imported.json.run);
    expect(got.json.tool_calls[1499]).toMatchObject({ call_id: "call_1499", arguments: { account_id: "acct_1499" }, result: { synced: 1499 }, status: "succeeded" });
  });

  it("keeps a JSON null result apart from no result, and stores timestamps in UTC", async () => {
    const created = await call(runs.POST, {
      key: ws.key,
      body: {
        agent: "nulls",
        tool_calls: [
          { id: "a", tool: "t", result: null, status: "succeeded", started_at: "2026-11-20T09:00:01.250+02:00" },
          { id: "b", tool: "t", status: "pending" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const db = await getDb();
    const rows = await db.$queryRaw<{ callId: string; isNull: boolean; jsonType: string | null; startedAt: Date | null }[]>`
      SELECT "callId", result IS NULL AS "isNull", jsonb_typeof(result) AS "jsonType", "startedAt" FROM tool_call WHERE "runId" = ${created.json.id} ORDER BY position`;
    expect(rows.map((r) => [r.callId, r.isNull, r.jsonType])).toEqual([["a", false, "null"], ["b", true, null]]);
    expect(created.json.tool_calls[0].started_at).toBe("2026-11-20T07:00:01.250Z");
  });

  it("hides a run while its rows are written: no list, no read, no crystallize", async () => {
    const db = await getDb();
    // A run caught mid-import: its row is staged and some of its rows are in.
    const id = newId("run");
    const rows = buildSourceRows({ owner: { runId: id }, messages: nativeMessages(2) });
    await db.agentRun.create({ data: { id, workspaceId: ws.workspaceId, agentName: "half", status: "succeeded", staged: true } });
    await insertSourceChunks(db, toSourceChunks(rows));
    const seen = async () => ({
      get: (await call(run.GET, { key: ws.key, params: { run_id: id } })).status,
      crystallize: (await call(crystallizeRun.POST, { key: ws.key, params: { run_id: id }, body: {} })).status,
      listed: (await call(runs.GET, { key: ws.key, query: "agent=half" })).json.data.length,
    });
    expect(await seen()).toEqual({ get: 404, crystallize: 404, listed: 0 });
    await db.agentRun.update({ where: { id }, data: { staged: false } });
    expect(await seen()).toEqual({ get: 200, crystallize: 201, listed: 1 });
  });

  it("removes what it wrote when a chunk fails, so a refused write leaves no run", async () => {
    const db = await getDb();
    const id = newId("run");
    const rows = buildSourceRows({ owner: { runId: id }, messages: nativeMessages(2) });
    const chunks = toSourceChunks(rows);
    // A second message chunk that repeats the first one's positions: the database refuses it
    // after the first chunk was written.
    const failing = stageRun(db, { id, workspaceId: ws.workspaceId, run: runFields, toolCallCount: 2 }, { messages: [chunks.messages[0]!, chunks.messages[0]!], calls: chunks.calls });
    await expect(failing).rejects.toThrow();
    expect(await db.agentRun.count({ where: { id } })).toBe(0);
    expect(await db.message.count({ where: { runId: id } })).toBe(0);
  });

  it("deletes staged sources a crash abandoned, and leaves ones still being written", async () => {
    const db = await getDb();
    const old = new Date(Date.now() - STAGED_ABANDONED_AFTER_MS - 60_000);
    const abandoned = newId("run");
    const writing = newId("thr");
    await db.agentRun.create({ data: { id: abandoned, workspaceId: ws.workspaceId, agentName: "crashed", status: "succeeded", staged: true, createdAt: old } });
    await db.chatThread.create({ data: { id: writing, workspaceId: ws.workspaceId, title: "in flight", staged: true } });
    expect(await removeAbandonedSources(db)).toBeGreaterThanOrEqual(1);
    expect(await db.agentRun.count({ where: { id: abandoned } })).toBe(0);
    expect(await db.chatThread.count({ where: { id: writing } })).toBe(1);
    await db.chatThread.delete({ where: { id: writing } });
  });

  it("imports a thread the same way", async () => {
    const imported = await call(threadImport.POST, { key: ws.key, body: { ...chatLog(1200), title: "bulk" } });
    expect(imported.status).toBe(201);
    expect(imported.json.thread).toMatchObject({ title: "bulk", message_count: 2401, tool_call_count: 1200, status: "idle" });
    const got = await call(thread.GET, { key: ws.key, params: { thread_id: imported.json.thread.id } });
    expect(got.json).toEqual(imported.json.thread);
  });
});

describe("text the database refuses as JSON", () => {
  it("stores a lone surrogate (an emoji cut in half by a length limit) as U+FFFD instead of failing the write", async () => {
    const cut = `${"x".repeat(5)}\ud83d`;
    const created = await call(runs.POST, { key: ws.key, body: { agent: "surrogate", tool_calls: [{ id: "a", tool: "t", error: cut, status: "failed", arguments: { note: cut } }] } });
    expect(created.status).toBe(201);
    expect(created.json.tool_calls[0]).toMatchObject({ error: "xxxxx\ufffd", arguments: { note: "xxxxx\ufffd" } });
  });
});
