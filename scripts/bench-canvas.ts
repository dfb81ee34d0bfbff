// Canvas benchmark: opens a 500-step automation in Chromium against a production build and
// measures how long until every node is drawn (past 300 steps, until the first view is: the canvas
// then draws only what is in view), then how responsive the editor stays (selecting a
// step, typing into its inputs, zooming). `npm run bench:canvas [steps] [rounds]`.
import { chromium } from "@playwright/test";
import { BENCH_KEY, startBenchServer } from "./bench-server";

const STEPS = Number(process.argv[2] || 500);
const ROUNDS = Number(process.argv[3] || 5);
const PORT = 3314;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = BENCH_KEY;
const HUGE = STEPS > 300;
const PICK = `s${Math.floor(STEPS / 2) - (Math.floor(STEPS / 2) % 3) + 1}`; // a transform step in the middle

/** A layered DAG like a big crystallized run: chains of queries feeding transforms, with fan-in. */
function bigDefinition(n: number) {
  const steps = [];
  for (let i = 0; i < n; i++) {
    const key = `s${i}`;
    const deps = i < 10 ? [] : [`s${i - 10}`, ...(i % 7 === 0 ? [`s${i - 3}`] : [])];
    const isQuery = i % 3 === 0;
    steps.push({
      key,
      type: "action",
      action_kind: isQuery ? "generate_query" : "transform",
      inputs: isQuery ? { sql: `SELECT ${i} AS n`, data_source: "demo_warehouse" } : { expression: "$", data: null },
      depends_on: deps,
      bindings: !isQuery && deps.length ? [{ input_path: "/data", from_step: deps[0], output_path: "/rows" }] : [],
    });
  }
  return { steps };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s[s.length - 1]!.toFixed(0)})`;
};

async function main() {
  const { server } = await startBenchServer(PORT);
  try {
    const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
    const res = await fetch(`${BASE}/api/v1/automations`, { method: "POST", headers, body: JSON.stringify({ name: `${STEPS}-step benchmark`, definition: bigDefinition(STEPS) }) });
    if (!res.ok) throw new Error(`create: ${res.status} ${await res.text()}`);
    const automation = (await res.json()) as { id: string };

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // A session for the browser: sign up the owner of this fresh install.
    const signUp = await page.request.post(`${BASE}/api/auth/sign-up/email`, { data: { email: "bench@example.test", password: "bench-password-1", name: "Bench" } });
    if (!signUp.ok()) throw new Error(`sign-up: ${signUp.status()}`);

    const open: number[] = [];
    const loaded: number[] = [];
    const drawn: number[] = [];
    const select: number[] = [];
    const typing: number[] = [];
    const frames: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await page.goto(`${BASE}/automations/${automation.id}`);
      // Past 300 steps the canvas opens on its top nodes and draws only what is in view
      // (components/canvas/flow-canvas.tsx): open is when that view is drawn, the overview included.
      await page.waitForFunction(
        (a) => document.querySelectorAll(".react-flow__node").length >= a.nodes && (!a.map || document.querySelector("[data-testid=minimap][data-drawn]") !== null),
        { nodes: HUGE ? 3 : STEPS, map: STEPS > 20 },
        { polling: "raf", timeout: 60_000 },
      );
      open.push(await page.evaluate(() => performance.now()));
      // Where the open goes: until the automation's JSON has arrived (page load, session, fetch),
      // then drawing it (layout, nodes, first paint).
      const arrived = await page.evaluate(
        (id) => Math.max(0, ...performance.getEntriesByType("resource").filter((e) => e.name.endsWith(`/api/v1/automations/${id}`)).map((e) => (e as PerformanceResourceTiming).responseEnd)),
        automation.id,
      );
      loaded.push(arrived);
      drawn.push(open[open.length - 1]! - arrived);

      // Select a step: click → side panel drawn.
      const t0 = await page.evaluate(() => performance.now());
      // A step in the middle is off screen in a huge graph: it is reached through the step list.
      if (HUGE) await page.getByLabel("Select a step to edit").selectOption(PICK);
      else await page.locator(`.react-flow__node[data-id="${PICK}"]`).click({ force: true });
      await page.getByRole("complementary", { name: `Step ${PICK}` }).waitFor();
      select.push((await page.evaluate(() => performance.now())) - t0);

      // Type 20 characters into the expression: each keystroke updates the definition and canvas.
      const field = page.getByLabel("expression");
      await field.focus();
      await page.keyboard.press("ControlOrMeta+a");
      const t1 = await page.evaluate(() => performance.now());
      await page.keyboard.type("$.rows[0].n + 123456789");
      await page.waitForFunction(() => (document.activeElement as HTMLTextAreaElement).value === "$.rows[0].n + 123456789");
      typing.push(((await page.evaluate(() => performance.now())) - t1) / 23);

      // Zoom in and out with the wheel for a second and record the longest frame.
      // (A string, so the bundler's helpers do not leak into the page.)
      const longest = page.evaluate<number>(`new Promise((resolve) => {
        let last = performance.now(), worst = 0;
        const end = last + 1000;
        const tick = (now) => { worst = Math.max(worst, now - last); last = now; now < end ? requestAnimationFrame(tick) : resolve(worst); };
        requestAnimationFrame(tick);
      })`);
      await page.mouse.move(500, 450);
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, i % 2 ? 300 : -300);
      frames.push(await longest);
    }
    console.log(`Canvas, ${STEPS} steps, ${ROUNDS} rounds (Chromium ${browser.version()}, production build)`);
    console.log(`  open until ${HUGE ? "the first view is drawn" : "every node is drawn"}: ${stats(open)}`);
    console.log(`    of which until its data came: ${stats(loaded)}`);
    console.log(`    and then drawing it:          ${stats(drawn)}`);
    console.log(`  select a step → panel:          ${stats(select)}`);
    console.log(`  per keystroke while editing:    ${stats(typing)}`);
    console.log(`  longest frame while zooming:    ${stats(frames)}`);
    await browser.close();
  } finally {
    server.kill("SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
