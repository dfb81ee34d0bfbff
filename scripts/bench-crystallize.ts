// npm run bench: crystallize time for synthetic runs of 10 … 10,000 tool calls, in-process and
// through the HTTP endpoint of a production server on a fresh embedded database.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crystallize } from "../lib/crystallize/crystallize";
import { syntheticRun } from "../tests/crystallize-fixtures";
import type { Transcript } from "../lib/crystallize/types";
import { ensureBuild } from "./ensure-build.mjs";

const SIZES = [10, 100, 1_000, 10_000];
/** Issue 18's targets. */
const TARGET = { inProcess10k: 150, http10k: 1_500, ratio: 12 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function inProcess(n: number) {
  const t = syntheticRun(n);
  const dates = crystallize(t).report.relative_dates?.length ?? 0;
  if (n >= 10 && dates === 0) throw new Error("the relative-date rule found nothing: the benchmark would not measure it");
  const reps = n >= 10_000 ? 7 : n >= 1_000 ? 15 : 50;
  for (let i = 0; i < 3; i++) crystallize(t); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    crystallize(t);
    times.push(performance.now() - start);
  }
  return median(times);
}

function toNative(t: Transcript) {
  const userText = t.events.find((e) => e.kind === "message")!;
  return {
    agent: "bench",
    input: t.input,
    messages: [{ role: "user", content: userText.kind === "message" ? userText.text : "" }],
    started_at: t.startedAt,
    tool_calls: t.events.flatMap((e) => (e.kind === "tool_call" ? [{ id: e.callId, tool: e.toolName, arguments: e.arguments, result: e.result }] : [])),
  };
}

async function overHttp(results: Map<number, number>, bytes: Map<number, number>) {
  // Rebuilt when a source is newer than the build: a stale build would time old code.
  ensureBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), "cz-bench-"));
  const port = 3400 + Math.floor(Math.random() * 500);
  const key = "cz_bench_key";
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...process.env, DATA_DIR: dataDir, BOOTSTRAP_API_KEY: key, SEED_DEMO: "0", DATABASE_URL: "" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/me`, { headers }).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 600) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const n of SIZES) {
      const created = await fetch(`${base}/agents/runs`, { method: "POST", headers, body: JSON.stringify(toNative(syntheticRun(n))) });
      if (!created.ok) throw new Error(`creating the run failed: ${created.status} ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const res = await fetch(`${base}/agents/runs/${id}/crystallize`, { method: "POST", headers });
        const body = await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`crystallize failed: ${res.status}`);
        times.push(performance.now() - start);
        bytes.set(n, body.byteLength);
      }
      results.set(n, median(times));
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const local = new Map(SIZES.map((n) => [n, inProcess(n)]));
  const http = new Map<number, number>();
  const bytes = new Map<number, number>();
  if (!process.argv.includes("--no-http")) await overHttp(http, bytes);
  console.log("tool calls | in-process median (ms) | HTTP POST …/crystallize median (ms) | response bytes");
  for (const n of SIZES)
    console.log(`${String(n).padStart(10)} | ${local.get(n)!.toFixed(2).padStart(22)} | ${http.has(n) ? http.get(n)!.toFixed(1).padStart(35) : "-".padStart(35)} | ${bytes.get(n) ?? "-"}`);
  console.log("(every rule on: bindings, provenance, gates, and relative dates, 2 per query; HTTP persists the draft and answers without its definition)");
  const meets = (ok: boolean) => (ok ? "meets" : "MISSES");
  const ratio = local.get(10_000)! / local.get(1_000)!;
  console.log(`\nin-process: 10k ${local.get(10_000)!.toFixed(0)} ms (target ≤ ${TARGET.inProcess10k} ms): ${meets(local.get(10_000)! <= TARGET.inProcess10k)}`);
  console.log(`in-process 10k/1k ratio: ${ratio.toFixed(1)}× (target ≤ ${TARGET.ratio}×): ${meets(ratio <= TARGET.ratio)}`);
  if (http.size) {
    const httpRatio = http.get(10_000)! / http.get(1_000)!;
    console.log(`HTTP: 10k ${http.get(10_000)!.toFixed(0)} ms (target ≤ ${TARGET.http10k} ms): ${meets(http.get(10_000)! <= TARGET.http10k)}`);
    console.log(`HTTP 10k/1k ratio: ${httpRatio.toFixed(1)}× (target ≤ ${TARGET.ratio}×): ${meets(httpRatio <= TARGET.ratio)}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
