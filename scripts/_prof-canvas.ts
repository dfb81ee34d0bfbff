import { chromium } from "@playwright/test";
import { BENCH_KEY, startBenchServer } from "./bench-server";
const PORT = 3313, BASE = `http://127.0.0.1:${PORT}`, N = Number(process.argv[2] || 500);
function big(n: number) {
  const steps = [];
  for (let i = 0; i < n; i++) {
    const deps = i < 10 ? [] : [`s${i - 10}`, ...(i % 7 === 0 ? [`s${i - 3}`] : [])];
    const q = i % 3 === 0;
    steps.push({ key: `s${i}`, type: "action", action_kind: q ? "generate_query" : "transform", inputs: q ? { sql: `SELECT ${i} AS n`, data_source: "demo_warehouse" } : { expression: "$", data: null }, depends_on: deps, bindings: !q && deps.length ? [{ input_path: "/data", from_step: deps[0], output_path: "/rows" }] : [] });
  }
  return { steps };
}
const { server } = await startBenchServer(PORT);
try {
  const res = await fetch(`${BASE}/api/v1/automations`, { method: "POST", headers: { authorization: `Bearer ${BENCH_KEY}`, "content-type": "application/json" }, body: JSON.stringify({ name: "p", definition: big(N) }) });
  const a = (await res.json()) as { id: string };
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.request.post(`${BASE}/api/auth/sign-up/email`, { data: { email: "p@example.test", password: "bench-password-1", name: "P" } });
  await page.goto(`${BASE}/automations/${a.id}`);
  await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= n, N, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const t0 = Date.now();
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= n, N, { timeout: 60_000 });
  console.log("open", Date.now() - t0, "ms");
  const { profile } = await cdp.send("Profiler.stop");
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  profile.samples!.forEach((s, i) => { const n = byId.get(s)!; const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
  [...self].sort((x, y) => y[1] - x[1]).slice(0, 30).forEach(([k, t]) => console.log((t / 1000).toFixed(0).padStart(6), k));
  await browser.close();
} finally { server.kill("SIGTERM"); }
