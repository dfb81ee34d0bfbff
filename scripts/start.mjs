// `npm start`: builds when there is no production build or the sources changed, then serves it.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./ensure-build.mjs";

ensureBuild();
const res = spawnSync(process.execPath, [new URL("./serve.mjs", import.meta.url).pathname, "-p", process.env.PORT || "3000"], { stdio: "inherit" });
process.exit(res.status ?? 1);
