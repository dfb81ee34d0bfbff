import { spawn, type ChildProcess } from "node:child_process";
import type { Recorded } from "./engine-helpers";

// What the PostgreSQL fault tests share: a chain of side-effecting steps on an HTTP tool that
// records every delivery with its idempotency key, worker processes, and the check that every
// run finished with each step's effect delivered under one key.

export const FINAL = ["succeeded", "failed", "canceled"];

/** Workspace + recorder tool provider + an automation of `steps` chained effect steps; returns ids. */
export async function setupEffectChain(toolUrl: string, steps: number, name: string) {
  const { getDb } = await import("../lib/db");
  const { newId } = await import("../lib/ids");
  const { createAutomation } = await import("../lib/automations/create-automation");
  const { ZDefinition } = await import("../lib/automations/schemas");
  const db = await getDb();
  const workspace = await db.workspace.create({ data: { id: newId("ws"), name, egressAllowList: ["127.0.0.1"] } });
  await db.toolProvider.create({
    data: { id: newId("tp"), workspaceId: workspace.id, name: "recorder", kind: "http", config: { url: `${toolUrl}/tool`, headers: {} }, tools: [{ name: "record_effect" }] },
  });
  const chain = Array.from({ length: steps }, (_, i) => ({ key: `effect_${i}`, type: "action", action_kind: "record_effect", inputs: { n: i }, depends_on: i ? [`effect_${i - 1}`] : [] }));
  const automation = await db.$transaction((tx) => createAutomation(tx, { workspaceId: workspace.id, name, definition: ZDefinition.parse({ steps: chain }), author: "test" }));
  return { workspaceId: workspace.id, automationId: automation.id };
}

/** A worker process on `databaseUrl`; node --import tsx, so a signal hits the worker itself. */
export function spawnWorker(databaseUrl: string, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKERS: "4", RUN_LEASE_MS: "3000", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Polls until every run is final, riding out database errors while the fault lasts. */
export async function waitAllFinal(runIds: string[], timeoutMs = 120_000) {
  const { getDb } = await import("../lib/db");
  const deadline = Date.now() + timeoutMs;
  let runs: { id: string; status: string; steps: { status: string; attempt: number; error: string | null }[] }[] = [];
  while (Date.now() < deadline) {
    try {
      const db = await getDb();
      runs = await db.automationRun.findMany({ where: { id: { in: runIds } }, include: { steps: true } });
      if (runs.length === runIds.length && runs.every((r) => FINAL.includes(r.status))) return runs;
    } catch {
      // the database is down or our connection was cut: try again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return runs;
}

/** Step → the idempotency keys its deliveries carried. One key per step means no step ran twice. */
export function keysByStep(requests: Recorded[]) {
  const out = new Map<string, Set<string>>();
  for (const req of requests) {
    const key = String((req.body as { idempotency_key: string }).idempotency_key);
    const step = key.split(":").slice(0, 2).join(":");
    out.set(step, (out.get(step) ?? new Set()).add(key));
  }
  return out;
}

/** Waits until `n` deliveries arrived (or a minute passed), then a random pause of up to `jitterMs`. */
export async function afterDeliveries(requests: Recorded[], n: number, jitterMs = 100) {
  const deadline = Date.now() + 60_000;
  while (requests.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * jitterMs)));
}
