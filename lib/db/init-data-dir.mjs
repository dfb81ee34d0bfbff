// Initialises a new embedded database folder (initdb) in a worker thread, which exits when done.
// The PGlite instance that runs initdb keeps a few hundred MB of WASM memory until it is garbage
// collected, which an idle server may not do for a long time; a thread's memory goes with it.
// Plain JavaScript, because worker threads load files directly.
import { workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const db = new PGlite({ dataDir: workerData.dataDir });
await db.waitReady;
await db.close();
