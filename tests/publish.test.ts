import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as activate from "../app/api/v1/automations/[automation_id]/activate/route";
import * as publish from "../app/api/v1/automations/[automation_id]/publish/route";
import * as restore from "../app/api/v1/automations/[automation_id]/versions/[version]/restore/route";
import * as triggers from "../app/api/v1/automations/[automation_id]/triggers/route";
import * as events from "../app/api/v1/events/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";
import { waitForRun } from "./engine-helpers";

// Drafts and the live version, through the public API against a real database and queue: saving
// an active automation makes a draft, triggers keep running the live version until it is published,
// and publishing passes what activation checks.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Publish");
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

const says = (word: string, extra: Record<string, unknown> = {}) => ({ steps: [{ key: "say", type: "action", action_kind: "transform", inputs: { expression: `"${word}"` }, ...extra }], parameters: [] });
const post = (handler: typeof publish.POST | typeof activate.POST, id: string, body: unknown = {}) => call(handler, { key: ws.key, params: { automation_id: id }, body, method: "POST" });
const save = async (id: string, base: number, definition: unknown) =>
  call(automation.PATCH, { key: ws.key, params: { automation_id: id }, body: { base_version: base, definition, message: "edit" }, method: "PATCH" });
/** The output of the run an event starts: which version the triggers run. */
async function eventRunSays(name: string) {
  const emitted = await call(events.POST, { key: ws.key, body: { name, payload: {} }, method: "POST" });
  expect(emitted.status).toBe(202);
  expect(emitted.json.runs).toHaveLength(1);
  const run = await waitForRun(ws.key, emitted.json.runs[0].run_id);
  return { version: run.version, output: run.steps[0].output };
}

describe("drafts and the live version", () => {
  it("a save on an active automation is a draft: triggers run the live version until it is published", async () => {
    const made = await call(automations.POST, { key: ws.key, body: { name: `publish ${Math.random()}`, definition: says("one") } });
    expect(made.json).toMatchObject({ version: 1, live_version: null, status: "draft" });
    const id: string = made.json.id;
    expect((await post(activate.POST, id)).json).toMatchObject({ status: "active", version: 1, live_version: 1 });
    await call(triggers.POST, { key: ws.key, params: { automation_id: id }, body: { kind: "event", event_name: `ev.${id}` }, method: "POST" });

    const edited = await save(id, 1, says("two"));
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ version: 2, live_version: 1, status: "active" });
    expect(await eventRunSays(`ev.${id}`)).toEqual({ version: 1, output: "one" });

    // A manual run runs the live version, or the draft when asked for it by number.
    const manual = await call(autoRuns.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" });
    expect((await waitForRun(ws.key, manual.json.id)).version).toBe(1);
    const draft = await call(autoRuns.POST, { key: ws.key, params: { automation_id: id }, body: { version: 2 }, method: "POST" });
    expect(await waitForRun(ws.key, draft.json.id)).toMatchObject({ version: 2, steps: [expect.objectContaining({ output: "two" })] });
    const missing = await call(autoRuns.POST, { key: ws.key, params: { automation_id: id }, body: { version: 9 }, method: "POST" });
    expect(missing.status).toBe(422);
    expect(missing.json.error.message).toMatch(/^version: 9 does not exist/);

    const published = await post(publish.POST, id, { base_version: 2 });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ version: 2, live_version: 2, previous_live_version: 1 });
    expect(await eventRunSays(`ev.${id}`)).toEqual({ version: 2, output: "two" });

    // A restore is a draft too.
    const restored = await call(restore.POST, { key: ws.key, params: { automation_id: id, version: "1" }, body: { base_version: 2 }, method: "POST" });
    expect(restored.status, JSON.stringify(restored.json)).toBe(201);
    expect(restored.json).toMatchObject({ version: 3, live_version: 2 });
    expect(await eventRunSays(`ev.${id}`)).toEqual({ version: 2, output: "two" });
  });

  it("publish is refused on an unreviewed flag and a stale base, and forced past review flags only", async () => {
    const made = await call(automations.POST, { key: ws.key, body: { name: `publish ${Math.random()}`, definition: says("one") } });
    const id: string = made.json.id;
    await post(activate.POST, id);
    const flagged = { parameters: [], steps: [{ key: "say", type: "action", action_kind: "transform", inputs: { expression: "$inputs.s", s: "two" }, templates: [{ input_path: "/s", template: '{{ "two" }}', inferred: "value" }] }] };
    expect((await save(id, 1, flagged)).status).toBe(200);
    const head = (await call(automation.GET, { key: ws.key, params: { automation_id: id } })).json;
    expect(head.definition.metadata.unreviewed_steps).toEqual(["say"]);

    const refused = await post(publish.POST, id, { base_version: head.version });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "unprocessable", code_detail: "publish_blocked" });
    expect(refused.json.error.message).toMatch(/^Cannot publish: say: /);
    expect((await call(automation.GET, { key: ws.key, params: { automation_id: id } })).json.live_version).toBe(1);

    const stale = await post(publish.POST, id, { base_version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.message).toMatch(/You reviewed v1, but v\d was saved since/);

    const forced = await post(publish.POST, id, { base_version: head.version, force: true });
    expect(forced.status).toBe(200);
    expect(forced.json.live_version).toBe(head.version);
  });

  it("the migration makes each active or paused automation's newest version its live one", async () => {
    const db = await getDb();
    const made = await call(automations.POST, { key: ws.key, body: { name: `publish ${Math.random()}`, definition: says("one") } });
    const draft = await call(automations.POST, { key: ws.key, body: { name: `publish ${Math.random()}`, definition: says("one") } });
    // As the rows stood before drafts existed: active, on version 1, no live version.
    await db.automation.update({ where: { id: made.json.id }, data: { status: "paused", liveVersion: null } });
    const dir = readdirSync("prisma/migrations").find((d) => d.endsWith("_live_version"))!;
    const backfill = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8").split(";").find((s) => s.includes("UPDATE"))!;
    await db.$executeRawUnsafe(backfill);
    expect((await db.automation.findUniqueOrThrow({ where: { id: made.json.id } })).liveVersion).toBe(1);
    expect((await db.automation.findUniqueOrThrow({ where: { id: draft.json.id } })).liveVersion).toBeNull();
  });
});
