// The server the browser-facing benchmarks measure: a production build on a fresh database (see
// e2e-server.ts), with the admin key "e2e-admin-key", ready once its API answers.
import { spawn, type ChildProcess } from "node:child_process";

export const BENCH_KEY = "e2e-admin-key";

export async function startBenchServer(port: number, env: Record<string, string> = {}): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, ...env, E2E_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  // The first start builds the app, which takes minutes on a small machine.
  const until = Date.now() + 300_000;
  for (;;) {
    try {
      await fetch(`${base}/api/v1/me`);
      return { server, base };
    } catch {
      if (Date.now() > until || server.exitCode !== null) {
        server.kill("SIGTERM");
        throw new Error(`${base} did not answer`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
