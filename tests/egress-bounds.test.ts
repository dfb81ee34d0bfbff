import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as automations from "../app/api/v1/automations/route";
import * as autoRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as current from "../app/api/v1/workspaces/current/route";
import { getDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { checkUrl, egressPolicyFor, parseAllowList, type EgressPolicy } from "../lib/security/egress";
import { startHttpServer, waitForRun } from "./engine-helpers";
import { call, seedWorkspace } from "./helpers";

// Exceptions to the private-range policy are the operator's. A self-registered owner may open,
// for its own workspace, only what CRYSTALLIZE_EGRESS_PERMIT (or _ALLOW) already permits.

beforeAll(async () => {
  await startEngine(2);
});
afterAll(async () => {
  await stopEngine();
});

const patch = (key: string, list: string[]) => call(current.PATCH, { key, method: "PATCH", body: { egress_allow_list: list } });

describe("the egress allow-list stays inside the operator's bounds", () => {
  it("refuses every-address ranges and anything wider than the operator permits, naming the entry", async () => {
    const ws = await seedWorkspace("self-service");
    for (const [list, at] of [
      [["0.0.0.0/0"], 0],
      [["127.0.0.1", "::/0"], 1],
      [["127.0.0.0/8"], 0],
      [["10.0.0.0/8"], 0],
      [["*.localhost"], 0],
      [["192.168.1.1"], 0],
    ] as const) {
      const res = await patch(ws.key, [...list]);
      expect(res.status, list.join(",")).toBe(422);
      expect(res.json.error.field).toBe(`body.egress_allow_list[${at}]`);
      expect(res.json.error.message).toMatch(/operator|every address/);
    }
    const db = await getDb();
    expect((await db.workspace.findUniqueOrThrow({ where: { id: ws.workspaceId } })).egressAllowList).toEqual([]);

    // Inside the bounds (tests permit localhost and 127.0.0.1) is accepted, and the bounds are shown.
    const ok = await patch(ws.key, ["127.0.0.1", "localhost"]);
    expect(ok.status).toBe(200);
    expect(ok.json.egress_operator.permit).toEqual(["localhost", "127.0.0.1/32"]);
  });

  it("a wider operator permit lets a workspace open a part of it, never more", async () => {
    const saved = process.env.CRYSTALLIZE_EGRESS_PERMIT;
    process.env.CRYSTALLIZE_EGRESS_PERMIT = "10.0.0.0/8,*.corp.example";
    try {
      const ws = await seedWorkspace("permit");
      expect((await patch(ws.key, ["10.20.0.0/16", "10.1.2.3", "db.corp.example", "*.eu.corp.example"])).status).toBe(200);
      expect((await patch(ws.key, ["10.0.0.0/7"])).status).toBe(422);
      expect((await patch(ws.key, ["corp.example"])).status).toBe(422);
      expect((await patch(ws.key, ["172.16.0.0/12"])).status).toBe(422);
    } finally {
      process.env.CRYSTALLIZE_EGRESS_PERMIT = saved;
    }
  });

  it("entries stored before the bounds (or outside them after the operator narrows them) open nothing at run time", async () => {
    const ws = await seedWorkspace("stored-wide", { egressAllowList: ["0.0.0.0/0", "::/0", "127.0.0.0/8"] });
    const target = await startHttpServer(() => ({ status: 200, body: { secret: "internal" } }));
    try {
      const auto = await call(automations.POST, {
        key: ws.key,
        body: { name: "reach loopback", definition: { steps: [{ key: "get", type: "action", action_kind: "http_request", inputs: { method: "GET", url: `${target.url}/x` }, retry: { max_attempts: 1 } }], parameters: [] } },
      });
      const started = await call(autoRuns.POST, { key: ws.key, params: { automation_id: auto.json.id }, body: { input: {} } });
      const run = await waitForRun(ws.key, started.json.id);
      expect(run.status).toBe("failed");
      expect(run.steps[0].error).toMatch(/refused: .*loopback/);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
    const policy = egressPolicyFor(["0.0.0.0/0", "127.0.0.1"]);
    expect(policy.networks.map(([n, b]) => `${n.toString()}/${b}`)).toEqual(["127.0.0.1/32"]);
  });

  it("refuses IPv4-compatible IPv6 and other non-global IPv6 literals", () => {
    const none = parseAllowList([]) as EgressPolicy;
    for (const url of ["http://[::127.0.0.1]/", "http://[::7f00:1]:8080/", "http://[::a00:1]/", "http://[64:ff9b::7f00:1]/", "http://[fec0::1]/", "http://[::]/"])
      expect(() => checkUrl(url, none), url).toThrow(/refused/);
    expect(checkUrl("http://[2606:4700::1111]/", none).hostname).toBe("[2606:4700::1111]");
  });
});
