// Load benchmark: sustained load (autocannon) against a production build on a fresh database, on
// the read endpoints and on webhook ingestion (every request signed anew, so each starts a run).
// Reports p50/p99 latency, error rate, and the server's memory every 10 s, to show whether it
// keeps growing. `npm run bench:load [seconds] [connections]`; DATABASE_URL runs it on PostgreSQL.
import autocannon from "autocannon";
import { signWebhook } from "../lib/triggers/webhook-signature";
import { BENCH_KEY, startBenchServer } from "./bench-server";
import { treeRssMiB } from "./bench-rss";

const SECONDS = Number(process.argv[2] || 60);
const CONNECTIONS = Number(process.argv[3] || 16);
const PORT = 3313;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = BENCH_KEY;
const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function phase(name: string, serverPid: number, opts: autocannon.Options) {
  const memory: number[] = [treeRssMiB(serverPid)];
  const timer = setInterval(() => memory.push(treeRssMiB(serverPid)), 10_000);
  const result = await autocannon({ ...opts, duration: SECONDS, connections: CONNECTIONS });
  clearInterval(timer);
  memory.push(treeRssMiB(serverPid));
  const total = result.requests.total;
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${name}: ${total} requests in ${SECONDS} s (${Math.round(result.requests.average)} req/s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `errors ${((100 * bad) / Math.max(1, total)).toFixed(2)}% (non-2xx ${result.non2xx}, socket ${result.errors}, timeouts ${result.timeouts})`,
  );
  console.log(`  server RSS (MiB, every 10 s): ${memory.map((m) => m.toFixed(0)).join(" → ")}`);
}

async function main() {
  // Budgets far above the offered load: this measures the server, not the limiter.
  const env = { RATE_LIMIT_WEBHOOK_PER_MIN: "100000000", WORKERS: process.env.WORKERS ?? "8" };
  const { server } = await startBenchServer(PORT, env);
  try {
    const automation = await api<{ id: string; version: number }>("POST", "/automations", {
      name: "load target",
      definition: { steps: [{ key: "echo", type: "action", action_kind: "transform", inputs: { expression: "$inputs.data", data: null }, parameter_refs: [{ input_path: "/data", parameter: "n" }] }], parameters: [{ name: "n", type: "json", default: null }] },
    });
    await api("POST", `/automations/${automation.id}/activate`, {});
    const trigger = await api<{ id: string; secret: string }>("POST", `/automations/${automation.id}/triggers`, { kind: "webhook" });
    // Warm-up: compile every route once, as traffic would have by then.
    for (const p of ["/automations", "/runs?limit=20", "/sources?limit=20", `/automations/${automation.id}`]) await api("GET", p);

    const reads = ["/api/v1/automations", "/api/v1/runs?limit=20", "/api/v1/sources?limit=20", `/api/v1/automations/${automation.id}`];
    await phase("reads", server.pid!, { url: BASE, requests: reads.map((path) => ({ method: "GET" as const, path, headers })) });

    let n = 0;
    await phase("webhook ingestion", server.pid!, {
      url: BASE,
      requests: [
        {
          method: "POST",
          path: `/api/v1/hooks/${trigger.id}`,
          setupRequest: (req) => {
            const body = JSON.stringify({ n: ++n });
            return { ...req, body, headers: { "content-type": "application/json", "x-crystallize-signature": signWebhook(trigger.secret, body) } };
          },
        },
      ],
    });
    // Ingestion only queues runs; how long the workers take to finish the backlog is the other half.
    const drainStart = Date.now();
    for (;;) {
      const newest = await api<{ data: { status: string }[] }>("GET", `/runs?automation_id=${automation.id}&limit=50`);
      if (newest.data.every((r) => r.status === "succeeded") || Date.now() - drainStart > 600_000) {
        console.log(`  ${n} webhook runs queued; the last of them succeeded ${((Date.now() - drainStart) / 1000).toFixed(1)} s after the load stopped`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
