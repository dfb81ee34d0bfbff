import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as crystallizeRun from "../app/api/v1/agents/runs/[run_id]/crystallize/route";
import * as runs from "../app/api/v1/agents/runs/route";
import * as runImport from "../app/api/v1/agents/runs/import/route";
import * as automations from "../app/api/v1/automations/route";
import * as automationRuns from "../app/api/v1/automations/[automation_id]/runs/route";
import * as runRoute from "../app/api/v1/runs/[run_id]/route";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { call, seedWorkspace } from "./helpers";
import { serveRoutes } from "./http-server";

// The CLI as a user runs it: a separate process talking HTTP to the real routes.

const CLI = path.join(import.meta.dirname, "../bin/crystallize.mjs");
const FIXTURES = path.join(import.meta.dirname, "fixtures/imports");

let ws: { workspaceId: string; key: string };
let server: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  ws = await seedWorkspace();
  await startEngine(2);
  server = await serveRoutes({
    "/api/v1/agents/runs": runs,
    "/api/v1/agents/runs/import": runImport,
    "/api/v1/agents/runs/[run_id]/crystallize": crystallizeRun,
    "/api/v1/automations/[automation_id]/runs": automationRuns,
    "/api/v1/runs/[run_id]": runRoute,
  });
});
afterAll(async () => {
  await server?.close();
  await stopEngine();
});

function cli(args: string[], key = ws.key): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, CRYSTALLIZE_URL: server.url, CRYSTALLIZE_API_KEY: key } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("crystallize CLI", () => {
  it("imports a file, crystallizes the run, and lists it", async () => {
    const imported = await cli(["import", path.join(FIXTURES, "openai-responses.json")]);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/^run_\S+\timported 2 tool calls, \d+ messages as openai-responses \(detected\)/);
    expect(imported.stderr).toContain("uploading");
    const runId = imported.stdout.split("\t")[0]!;

    const made = await cli(["crystallize", runId, "--name", "Revenue chart"]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^auto_\S+\tRevenue chart v1: 2 steps, 1 to review/);

    const listed = await cli(["runs", "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).data.map((r: { id: string }) => r.id)).toContain(runId);
  });

  it("refuses a file imported already unless --again", async () => {
    const file = path.join(FIXTURES, "vercel-ai-v4.json");
    const first = await cli(["import", file]);
    expect(first.code).toBe(0);
    const again = await cli(["import", file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`409 conflict: This file was imported already as agent run ${first.stdout.split("\t")[0]}`);
    const forced = await cli(["import", file, "--again"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout.split("\t")[0]).not.toBe(first.stdout.split("\t")[0]);
  });

  it("merges a second run with --into and prints the differing inputs", async () => {
    const first = await cli(["import", path.join(FIXTURES, "openai-chat.json")]);
    const made = await cli(["crystallize", first.stdout.split("\t")[0]!]);
    const automationId = made.stdout.split("\t")[0]!;
    const file = path.join(tmpdir(), `cz-cli-${process.pid}.json`);
    writeFileSync(file, (await import("node:fs")).readFileSync(path.join(FIXTURES, "openai-chat.json"), "utf8").replaceAll("7 days", "30 days"));
    const second = await cli(["import", file]);
    const merged = await cli(["crystallize", second.stdout.split("\t")[0]!, "--into", automationId]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("merged into v1: 1 inputs differ");
    expect(merged.stdout).toMatch(/run_sql_1\/sql → parameter sql: .*7 days.* ⇢ .*30 days/);
  });

  it("triggers an automation and waits for it", async () => {
    const created = await call(automations.POST, {
      key: ws.key,
      body: { name: "Greeter", definition: { steps: [{ key: "hello", type: "action", action_kind: "transform", inputs: { expression: "'hi ' & $params.who" }, parameter_refs: [] }], parameters: [{ name: "who", type: "string" }] } },
    });
    expect(created.status).toBe(201);
    const done = await cli(["trigger", created.json.id, "--input", '{"who":"ada"}', "--wait", "--json"]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ status: "succeeded" });
  });

  it("exits with codes scripts can rely on", async () => {
    const bad = path.join(tmpdir(), `cz-cli-bad-${process.pid}.jsonl`);
    writeFileSync(bad, '{"role":"user","content":"hi"}\n{broken\n');
    const cases: [string[], string | undefined, number, RegExp][] = [
      [["import", bad], undefined, 5, /transcript line 2: is not valid JSON/],
      [["import", "/nonexistent/file.json"], undefined, 2, /Cannot read/],
      [["crystallize", "run_missing"], undefined, 4, /404 not_found/],
      [["runs"], "cz_wrong_key", 3, /401 unauthorized/],
      [["trigger", "aut_x", "--input", "{nope"], undefined, 2, /--input is not valid JSON/],
      [["frobnicate"], undefined, 2, /Unknown command/],
    ];
    for (const [args, key, code, message] of cases) {
      const out = await cli(args, key);
      expect(out.code, args.join(" ")).toBe(code);
      expect(out.stderr).toMatch(message);
    }
  });
});
