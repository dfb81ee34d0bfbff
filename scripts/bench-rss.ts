// Resident memory of a process and all its descendants (Next's server, the expression
// evaluators, the warehouse threads live in the parent), from ps.
import { execFileSync } from "node:child_process";

/** Resident memory of the process tree rooted at `rootPid`, in MiB. */
export function treeRssMiB(rootPid: number): number {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,rss="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of out) {
      if (tree.has(ppid!) && !tree.has(pid!)) {
        tree.add(pid!);
        grew = true;
      }
    }
  }
  return out.filter(([pid]) => tree.has(pid!)).reduce((s, [, , rss]) => s + rss!, 0) / 1024;
}
