import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as runs from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import { withPublic, withWorkspace } from "../lib/api/handler";
import { getDb } from "../lib/db";
import { revenueRun } from "../lib/demo/demo-data";
import { call, seedWorkspace } from "./helpers";

// Request headers a route declares are validated at the edge, like params and body: a bad one is
// a 4xx in the one error shape naming it, and the handler sees only what was declared.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Headers");
});

const ZTraceHeaders = z.object({ "x-trace": z.string().regex(/^t-\d+$/, "must look like t-<digits>") });

describe("declared request headers", () => {
  it("reach the handler validated, and only those declared", async () => {
    const route = withWorkspace(async ({ headers }) => ({ seen: headers }), { headers: ZTraceHeaders, response: z.object({ seen: z.record(z.string(), z.string()) }) });
    const res = await call(route, { key: ws.key, headers: { "X-Trace": "t-42", "x-other": "not declared" } });
    expect(res.status).toBe(200);
    expect(res.json.seen).toEqual({ "x-trace": "t-42" });
  });

  it("answer a missing or malformed header with a 422 naming it", async () => {
    const route = withWorkspace(async () => ({ ok: true }), { headers: ZTraceHeaders });
    const missing = await call(route, { key: ws.key });
    expect(missing.status).toBe(422);
    expect(missing.json.error).toMatchObject({ code: "validation_error", field: "header.x-trace" });
    const wrong = await call(route, { key: ws.key, headers: { "x-trace": "nope" } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.field).toBe("header.x-trace");
    expect(wrong.json.error.message).toBe("header.x-trace: must look like t-<digits>");
  });

  it("are validated on public routes too, before the handler runs", async () => {
    let ran = false;
    const route = withPublic(
      async () => {
        ran = true;
        return { ok: true };
      },
      { params: z.object({}), headers: ZTraceHeaders },
    );
    const res = await call(route, { method: "POST", raw: "", headers: { "x-trace": "bad" } });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("header.x-trace");
    expect(ran).toBe(false);
  });

  it("refuse an Idempotency-Key over 200 characters on crystallize, creating nothing", async () => {
    const db = await getDb();
    const created = await call(runs.POST, { key: ws.key, body: revenueRun });
    const before = await db.automation.count({ where: { workspaceId: ws.workspaceId } });
    const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: created.json.id }, method: "POST", headers: { "idempotency-key": "k".repeat(201) } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "validation_error", field: "header.idempotency-key" });
    expect(res.json.error.message).toMatch(/at most 200 characters/);
    expect(await db.automation.count({ where: { workspaceId: ws.workspaceId } })).toBe(before);
  });
});
