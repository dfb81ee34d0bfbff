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
  /** pg-boss heartbeat of run jobs (at least 10): how soon a dead worker's job is handed on. */
  get heartbeatSeconds() {
    return Math.max(10, Number(process.env.QUEUE_HEARTBEAT_SECONDS || 10));
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
