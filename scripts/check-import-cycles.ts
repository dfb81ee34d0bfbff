// Fails when folders import each other in a cycle (lib/a → lib/b → lib/a): a folder is a layer,
// and layers only look down. Type-only imports count too: a type is a dependency on what its
// folder means, even though the build erases it. Run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const ROOTS = (process.env.ROOTS ?? "lib,app,components,mcp").split(",");
const SKIP = new Set(["node_modules", "generated", ".next"]);
const root = process.cwd();

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
/** The folder a specifier lands in, or null for packages. */
function targetFolder(file: string, spec: string): string | null {
  const path = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? normalize(join(dirname(file), spec)) : null;
  if (path === null) return null;
  try {
    if (statSync(join(root, path)).isDirectory()) return path; // index file
  } catch {}
  return dirname(path);
}

const edges = new Map<string, Map<string, string>>(); // folder → folder → one file that makes the edge
const folders = new Set<string>();
for (const top of ROOTS) {
  for (const abs of sourceFiles(join(root, top))) {
    const file = relative(root, abs);
    const from = dirname(file);
    folders.add(from);
    for (const m of readFileSync(abs, "utf8").matchAll(IMPORT)) {
      const to = targetFolder(file, (m[1] ?? m[2])!);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, file);
    }
  }
}

// Tarjan's strongly connected components: every component larger than one folder is a cycle.
let index = 0;
const idx = new Map<string, number>();
const low = new Map<string, number>();
const onStack = new Set<string>();
const stack: string[] = [];
const cycles: string[][] = [];
function visit(v: string) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
  }
  if (low.get(v) !== idx.get(v)) return;
  const scc: string[] = [];
  for (let w = stack.pop()!; ; w = stack.pop()!) {
    onStack.delete(w);
    scc.push(w);
    if (w === v) break;
  }
  if (scc.length > 1) cycles.push(scc.sort());
}
for (const v of edges.keys()) if (!idx.has(v)) visit(v);

if (cycles.length === 0) {
  console.log(`No folder-level import cycles among ${folders.size} folders.`);
} else {
  for (const scc of cycles) {
    console.error(`Import cycle between folders: ${scc.join(", ")}`);
    const inScc = new Set(scc);
    for (const from of scc) for (const [to, file] of edges.get(from) ?? []) if (inScc.has(to)) console.error(`  ${from} → ${to}  (${file})`);
  }
  process.exitCode = 1;
}
