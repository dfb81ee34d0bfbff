// Responsiveness benchmark: how long GET /api/v1/me takes while one client imports a 10,000-call
// agent log and then crystallizes it, against a production build on a fresh database (over real
// HTTP). Prints /me p50/p99/max during each phase. `npm run bench:responsive [port]`;
// DATABASE_URL runs it on PostgreSQL (a fresh database next to it).
import { syncAccountsLog } from "../tests/crystallize-fixtures";
import { BENCH_KEY, startBenchServer } from "./bench-server";

const PORT = Number(process.argv[2] || 3334);
const CALLS = 10_000;
const ROUNDS = 5;
const headers = { authorization: `Bearer ${BENCH_KEY}`, "content-type": "application/json" };

const chatLog = (n: number) => JSON.stringify({ transcript: syncAccountsLog(n) });

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;

/** Samples /me every 25 ms while `work` runs; the samples are added to `samples`. */
async function during(base: string, label: string, samples: number[], work: () => Promise<Response>) {
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/me`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/me answered ${res.status}`);
      samples.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const t = performance.now();
  const res = await work();
  const body = await res.json();
  const took = performance.now() - t;
  done = true;
  await sampler;
  if (!res.ok) throw new Error(`${label}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { body, took };
}

function report(label: string, samples: number[], took: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = took.reduce((a, b) => a + b, 0) / took.length;
  console.log(
    `${label.padEnd(12)} ${(mean / 1000).toFixed(1).padStart(5)} s each   GET /me: ${String(s.length).padStart(4)} samples, p50 ${pct(s, 0.5).toFixed(0).padStart(4)} ms, p99 ${pct(s, 0.99).toFixed(0).padStart(5)} ms, max ${s.at(-1)!.toFixed(0).padStart(5)} ms`,
  );
}

const { server, base } = await startBenchServer(PORT);
try {
  console.log(`responsiveness while a ${CALLS}-call log is imported and crystallized (${ROUNDS} rounds), ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${base}\n`);
  // Warm both routes (first compile of each handler, the worker threads) on a small import.
  const warm = await (await fetch(`${base}/api/v1/agents/runs/import`, { method: "POST", headers, body: chatLog(10) })).json();
  await fetch(`${base}/api/v1/agents/runs/${warm.run.id}/crystallize`, { method: "POST", headers, body: "{}" });
  const text = chatLog(CALLS);
  const idle: number[] = [];
  await during(base, "idle", idle, () => new Promise((r) => setTimeout(() => r(Response.json({})), 1000)));
  report("idle (1 s)", idle, [1000]);
  // Several rounds, pooled: one round gives only a few dozen samples, too few for a p99.
  const phases = { import: { samples: [] as number[], took: [] as number[] }, crystallize: { samples: [] as number[], took: [] as number[] } };
  for (let round = 0; round < ROUNDS; round++) {
    const imported = await during(base, "import", phases.import.samples, () => fetch(`${base}/api/v1/agents/runs/import?duplicate=allow`, { method: "POST", headers, body: text }));
    phases.import.took.push(imported.took);
    const made = await during(base, "crystallize", phases.crystallize.samples, () =>
      fetch(`${base}/api/v1/agents/runs/${imported.body.run.id}/crystallize`, { method: "POST", headers, body: "{}" }),
    );
    phases.crystallize.took.push(made.took);
  }
  report("import", phases.import.samples, phases.import.took);
  report("crystallize", phases.crystallize.samples, phases.crystallize.took);
  const over = await fetch(`${base}/api/v1/agents/runs/import`, { method: "POST", headers, body: chatLog(CALLS * 4) });
  console.log(`\n${CALLS * 4}-call import: ${over.status} ${JSON.stringify(await over.json()).slice(0, 160)}`);
} finally {
  server.kill("SIGTERM");
}
process.exit(0);
