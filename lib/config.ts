import path from "node:path";

// Every setting the app reads from the environment, in one place (the README lists them).
export const config = {
  get databaseUrl() {
    return process.env.DATABASE_URL || undefined;
  },
  /** Folder of the embedded database. "memory://" keeps it in memory (tests). */
  get dataDir() {
    return process.env.DATA_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), ".data");
  },
  get bootstrapApiKey() {
    return process.env.BOOTSTRAP_API_KEY || undefined;
  },
  /** Seed the demo workspace on an empty database (default on; SEED_DEMO=0 turns it off). */
  get seedDemo() {
    return process.env.SEED_DEMO !== "0";
  },
  get authSecret() {
    return process.env.BETTER_AUTH_SECRET || process.env.AUTH_SECRET || undefined;
  },
  /**
   * Who may sign up: `open` anyone, `invite` only with an invite link, `closed` nobody. Unset:
   * open until the installation has an owner, then invite.
   */
  get signup(): "open" | "invite" | "closed" | undefined {
    const v = process.env.SIGNUP?.trim().toLowerCase();
    if (!v) return undefined;
    if (v === "open" || v === "invite" || v === "closed") return v;
    throw new Error(`SIGNUP must be open, invite or closed (got "${process.env.SIGNUP}")`);
  },
  /** Behind a reverse proxy (TRUST_PROXY=1): believe its X-Forwarded-Host/Proto about the public origin. */
  get trustProxy() {
    return process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
  },
  get baseUrl() {
    return process.env.BETTER_AUTH_URL || process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`;
  },
  /** Runs this process executes at once; 0 makes it a web server only (needs DATABASE_URL workers). */
  get workers() {
    const n = Number(process.env.WORKERS ?? 8);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 8;
  },
  /** How long a worker's claim on a run lasts without renewal; a crashed worker's runs resume after it. */
  get runLeaseMs() {
    return Number(process.env.RUN_LEASE_MS || 15_000);
  },
  /** Finished runs (with their steps, items and approvals) are deleted this many days after they ended; 0 keeps them. */
  get runRetentionDays() {
    const n = Number(process.env.RUN_RETENTION_DAYS ?? 30);
    return Number.isFinite(n) && n >= 0 ? n : 30;
  },
  /** Tool providers that start a local command (mcp_stdio) are off unless this is "1". */
  get allowStdioTools() {
    return process.env.ALLOW_STDIO_TOOLS === "1";
  },
  /** STDIO_TOOLS_ALLOW: the absolute paths of the only executables stdio providers may start (empty: any, when allowed). */
  get stdioToolsAllow() {
    return (process.env.STDIO_TOOLS_ALLOW ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  },
  /** pg-boss heartbeat of run jobs (at least 10): how soon a dead worker's job is handed on. */
  get heartbeatSeconds() {
    return Math.max(10, Number(process.env.QUEUE_HEARTBEAT_SECONDS || 10));
  },
  /** The longest a SQL step may run on the shared demo warehouse. */
  get warehouseTimeoutMs() {
    return positive(process.env.WAREHOUSE_TIMEOUT_MS, 5_000);
  },
  /** Worker threads of the demo warehouse (each an in-memory PGlite of 100+ MB); a workspace uses one at a time. */
  get warehouseThreads() {
    const n = Math.floor(positive(process.env.WAREHOUSE_THREADS, 2));
    return n >= 1 ? n : 2;
  },
  /** Longest a JSONata evaluation may run (a step's smaller timeout_ms wins); then its thread is ended. */
  get expressionTimeoutMs() {
    return positive(process.env.EXPRESSION_TIMEOUT_MS, 5_000);
  },
  /** Heap limit of a thread evaluating expressions, in MB; an expression past it fails. */
  get expressionMemoryMb() {
    return positive(process.env.EXPRESSION_MEMORY_MB, 128);
  },
  /** Threads evaluating expressions at once, per process. */
  get expressionWorkers() {
    return Math.max(1, Math.floor(positive(process.env.EXPRESSION_WORKERS, 2)));
  },
};

function positive(value: string | undefined, fallback: number) {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
