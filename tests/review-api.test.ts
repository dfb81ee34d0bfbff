import { beforeAll, describe, expect, it } from "vitest";
import * as agentRuns from "../app/api/v1/agents/runs/route";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as automation from "../app/api/v1/automations/[automation_id]/route";
import * as replay from "../app/api/v1/automations/[automation_id]/replay/route";
import * as review from "../app/api/v1/automations/[automation_id]/steps/[step_key]/review/route";
import * as versions from "../app/api/v1/automations/[automation_id]/versions/route";
import * as version from "../app/api/v1/automations/[automation_id]/versions/[version]/route";
import { getDb } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";
import { newId } from "../lib/ids";
import { createAutomation } from "../lib/automations/create-automation";
import { ZDefinition, type TStep } from "../lib/automations/schemas";
import { reviewHash } from "../lib/automations/validate-definition";
import { call, seedWorkspace } from "./helpers";

/** User ids are the auth library's own, not one of ours; a random one serves. */
const userId = () => newId("ws").replace("ws_", "usr_");

// Review through the public API on a real database: the dry run compares values, not shapes, the
// versions list names its authors, and an automation names who reviewed its steps.

let ws: { workspaceId: string; key: string };
beforeAll(async () => {
  ws = await seedWorkspace("Review");
});

/** Crystallizes a run of one transform call whose recorded result is `recorded`; the expression gives `computed`. */
async function crystallizedFrom(computed: unknown, recorded: unknown) {
  const made = await call(agentRuns.POST, {
    key: ws.key,
    body: { agent: "analytics", tool_calls: [{ id: "q", tool: "transform", arguments: { expression: JSON.stringify(computed) }, result: recorded }] },
  });
  expect(made.status).toBe(201);
  const res = await call(crystallizeRun.POST, { key: ws.key, params: { run_id: made.json.id }, body: {}, method: "POST" });
  expect(res.status).toBe(201);
  return res.json.automation.id as string;
}

const dryRun = (id: string) => call(replay.POST, { key: ws.key, params: { automation_id: id }, body: {}, method: "POST" });

describe("the dry run", () => {
  it("reproduces when every executed output equals the recorded one, whatever the key order", async () => {
    const id = await crystallizedFrom(
      { columns: ["month", "revenue"], rows: [{ month: "2026-07", revenue: 182340.5 }] },
      { rows: [{ revenue: 182340.5, month: "2026-07" }], columns: ["month", "revenue"] },
    );
    const rep = await dryRun(id);
    expect(rep.status).toBe(200);
    expect(rep.json.reproduces).toBe(true);
    expect(rep.json.steps).toEqual([expect.objectContaining({ mode: "executed", verdict: "equal" })]);
    expect(rep.json.steps[0].differences).toBeUndefined();
    expect(rep.json.summary).toMatchObject({ executed: 1, equal: 1, differs: 0, same_shape: 0 });
  });

  it("does not reproduce when a value differs in an output of the same shape, and names the path with both values", async () => {
    const rows = (july: number) => ({ columns: ["month", "revenue"], rows: [{ month: "2026-07", revenue: july }, { month: "2026-08", revenue: 90210 }] });
    const id = await crystallizedFrom(rows(178849.55), rows(182340.5));
    const rep = await dryRun(id);
    expect(rep.status).toBe(200);
    expect(rep.json.reproduces).toBe(false);
    expect(rep.json.summary).toMatchObject({ executed: 1, equal: 0, differs: 1, same_shape: 0 });
    expect(rep.json.steps[0]).toMatchObject({
      mode: "executed",
      verdict: "differs",
      differences_total: 1,
      differences: [{ path: "/rows/0/revenue", change: "changed", recorded: 182340.5, output: 178849.55 }],
    });
  });
});

describe("the versions list", () => {
  it("names each author: a member by name, an API key by its name, the system as system; never another workspace's", async () => {
    const db = await getDb();
    const user = await db.user.create({ data: { id: userId(), name: "Grace Hopper", email: `grace-${userId()}@example.test` } });
    await db.membership.create({ data: { workspaceId: ws.workspaceId, userId: user.id } });
    const stranger = await db.user.create({ data: { id: userId(), name: "Eve Outsider", email: `eve-${userId()}@example.test` } });
    const other = await seedWorkspace("Elsewhere");
    await db.membership.create({ data: { workspaceId: other.workspaceId, userId: stranger.id } });

    const made = await createAutomation(db, { workspaceId: ws.workspaceId, name: "Named authors", author: "system", definition: ZDefinition.parse({ steps: [] }) });
    const def = { steps: [{ key: "a", type: "action", action_kind: "transform", inputs: { expression: "1" } }] };
    const edit = async (base: number) => {
      const res = await call(automation.PATCH, { key: ws.key, params: { automation_id: made.id }, body: { base_version: base, definition: def }, method: "PATCH" });
      expect(res.status).toBe(200);
    };
    await edit(1);
    // Authored by a member, an outsider and another workspace's key: as the rows would read had they saved them.
    await db.automationVersion.create({ data: { id: newId("ver"), automationId: made.id, version: 3, definition: def, contentHash: "x", message: "by Grace", author: `user:${user.id}` } });
    await db.automationVersion.create({ data: { id: newId("ver"), automationId: made.id, version: 4, definition: def, contentHash: "y", message: "by Eve", author: `user:${stranger.id}` } });

    const foreignKey = await db.apiKey.findFirstOrThrow({ where: { workspaceId: other.workspaceId } });
    await db.automationVersion.create({ data: { id: newId("ver"), automationId: made.id, version: 5, definition: def, contentHash: "z", message: "by a foreign key", author: `key:${foreignKey.id}` } });

    const list = await call(versions.GET, { key: ws.key, params: { automation_id: made.id } });
    expect(list.status).toBe(200);
    expect(list.json.data.map((v: { version: number; author_name: string }) => [v.version, v.author_name])).toEqual([
      [5, "deleted API key"],
      [4, "former member"],
      [3, "Grace Hopper"],
      [2, "test"],
      [1, "system"],
    ]);
    const one = await call(version.GET, { key: ws.key, params: { automation_id: made.id, version: "3" } });
    expect(one.json.author_name).toBe("Grace Hopper");
  });
});

describe("the reviewers' names", () => {
  it("names each step's reviewer in the automation: a member and this workspace's key; never another workspace's user or key", async () => {
    const db = await getDb();
    const jane = await db.user.create({ data: { id: userId(), name: "Jane Doe", email: `jane-${userId()}@example.test` } });
    await db.membership.create({ data: { workspaceId: ws.workspaceId, userId: jane.id } });
    const other = await seedWorkspace("Reviewers elsewhere");
    const eve = await db.user.create({ data: { id: userId(), name: "Eve Outsider", email: `eve-${userId()}@example.test` } });
    await db.membership.create({ data: { workspaceId: other.workspaceId, userId: eve.id } });
    const ownKey = await db.apiKey.findFirstOrThrow({ where: { workspaceId: ws.workspaceId } });
    const foreignKey = await db.apiKey.findFirstOrThrow({ where: { workspaceId: other.workspaceId } });

    const flagged = (key: string) => ({ key, type: "action", action_kind: "transform", inputs: { expression: `"${key}"` }, nondeterministic: { reason: "picked by the agent", inputs: ["/expression"] } });
    const made = await createAutomation(db, {
      workspaceId: ws.workspaceId,
      name: "Reviewed by people",
      author: "system",
      definition: ZDefinition.parse({ steps: ["by_jane", "by_eve", "by_foreign_key", "by_key"].map(flagged) }),
    });
    expect(made.reviewer_names).toEqual({});
    // Reviews as the version would read had Jane, Eve and the other workspace's key marked them.
    const by: Record<string, string> = { by_jane: `user:${jane.id}`, by_eve: `user:${eve.id}`, by_foreign_key: `key:${foreignKey.id}` };
    const def = {
      ...made.definition,
      steps: made.definition.steps.map((s: TStep) => (by[s.key] ? { ...s, reviewed: { by: by[s.key]!, at: "2026-01-02T03:04:05.000Z", inputs_hash: reviewHash(s) } } : s)),
    };
    await db.automationVersion.create({ data: { id: newId("ver"), automationId: made.id, version: 2, definition: def as Prisma.InputJsonValue, contentHash: "reviewed", message: "reviews", author: "system" } });
    await db.automation.update({ where: { id: made.id }, data: { currentVersion: 2 } });

    const expected = { [`user:${jane.id}`]: "Jane Doe", [`key:${ownKey.id}`]: "test" };
    // This workspace's key reviews the last step: the review's answer names it with the others.
    const reviewed = await call(review.POST, { key: ws.key, params: { automation_id: made.id, step_key: "by_key" }, body: { base_version: 2 }, method: "POST" });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json.reviewer_names).toEqual(expected);

    const got = await call(automation.GET, { key: ws.key, params: { automation_id: made.id } });
    expect(got.status).toBe(200);
    // Every review is still there, so the absent names are the scoping's doing.
    expect(got.json.definition.steps.map((s: TStep) => s.reviewed?.by)).toEqual([`user:${jane.id}`, `user:${eve.id}`, `key:${foreignKey.id}`, `key:${ownKey.id}`]);
    expect(got.json.reviewer_names).toEqual(expected);

    const renamed = await call(automation.PATCH, { key: ws.key, params: { automation_id: made.id }, body: { name: "Reviewed by people (renamed)" }, method: "PATCH" });
    expect(renamed.status).toBe(200);
    expect(renamed.json.reviewer_names).toEqual(expected);
  });
});
