// Readies an embedded database folder in a worker thread, which exits when done: initialises a new
// folder (initdb) and applies pending migrations. The PGlite instance that runs initdb keeps a few
// hundred MB of WASM memory until it is garbage collected, which an idle server may not do for a
// long time, and the schema engine's WASM module stays loaded for good once imported (about 30–60
// MB); a thread's memory goes with it.
// Plain JavaScript, because worker threads load files directly.
import { workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "./schema-engine.mjs";

const db = new PGlite({ dataDir: workerData.dataDir, postgresqlconf: workerData.settings });
await db.waitReady;
await applyMigrations(new PrismaPGlite(db));
await db.close();
// The schema engine leaves a timer of about 10 s behind; in a worker, exit ends only this thread.
process.exit(0);
