// A process that starts runs itself, as the web server does: with its own workers running, each
// run is created leased to it and starts at once. Prints the run ids as one JSON line, then keeps
// executing them until it is killed. Argv: workspace id, automation id, how many runs.
import { getDb } from "../../lib/db";
import { startEngine } from "../../lib/engine/engine";
import { startRun } from "../../lib/runs/start-run";

async function main() {
  const [workspaceId, automationId, count] = process.argv.slice(2);
  const db = await getDb();
  await startEngine(Number(count));
  const ids: string[] = [];
  for (let i = 0; i < Number(count); i++) ids.push(await startRun(db, { workspaceId: workspaceId!, automationId: automationId!, trigger: "manual" }));
  process.stdout.write(`${JSON.stringify(ids)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
