// Builds the app when there is no production build, or when a source file is newer than it, so
// `npm start` and the browser tests never serve stale code.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "mcp", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs"];
const SKIP = new Set(["generated", "node_modules"]);

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function nextBin() {
  return new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname;
}

export function ensureBuild() {
  const stamp = ".next/BUILD_ID";
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) return;
  const res = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
