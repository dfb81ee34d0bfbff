// `npm start`: builds once when there is no production build yet, then serves it.
// (After pulling new code, run `npm run build` to rebuild.)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (args) => {
  const res = spawnSync(process.execPath, [new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname, ...args], { stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
if (!existsSync(".next/BUILD_ID")) run(["build"]);
run(["start", "-p", process.env.PORT || "3000"]);
