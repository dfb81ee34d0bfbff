// What a benchmark reads of the processes it measures: resident memory of a process tree (Next's
// server, its expression evaluators; warehouse threads live inside it) and CPU time, from ps and
// /proc.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The pids of a process and all its descendants. */
export function treePids(rootPid: number): Set<number> {
  const out = execFileSync("ps", ["-eo", "pid=,ppid="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
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
  return tree;
}

/** Resident memory of the process tree rooted at `rootPid`, in MiB. */
export function treeRssMiB(rootPid: number): number {
  const tree = treePids(rootPid);
  const out = execFileSync("ps", ["-eo", "pid=,rss="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  return out.filter(([pid]) => tree.has(pid!)).reduce((s, [, rss]) => s + rss!, 0) / 1024;
}

/** CPU seconds (user + system, 10 ms ticks) the given processes used so far; gone ones count 0. */
export function cpuSeconds(pids: Iterable<number>): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the parenthesised command: state is the 3rd, utime the 14th, stime the 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / 100;
}

/** The PostgreSQL server's processes on this machine (the postmaster and its backends). */
export function postgresPids(): number[] {
  return execFileSync("ps", ["-eo", "pid=,comm="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/)).filter(([, comm]) => comm === "postgres").map(([pid]) => Number(pid));
}
