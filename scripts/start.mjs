// `npm start`: builds when there is no production build or the sources changed, then serves it.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./ensure-build.mjs";

ensureBuild();
// glibc gives each thread that allocates (worker threads: the embedded database's setup, the
// crystallizer's pool, the demo warehouse) an arena of its own and seldom hands freed arena memory
// back; two arenas keep about 100 MB off an idle server's resident set.
const env = { MALLOC_ARENA_MAX: "2", ...process.env };
const res = spawnSync(process.execPath, [new URL("./serve.mjs", import.meta.url).pathname, "-p", process.env.PORT || "3000"], { stdio: "inherit", env });
process.exit(res.status ?? 1);
