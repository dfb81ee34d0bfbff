import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hashKey, QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { approvalKeys } from "./approvals";
import { automationKeys } from "./automations";
import { invalidateRuns, runKeys } from "./runs";
import { sourceKeys } from "./sources";
import { triggerKeys } from "./triggers";

const A = "auto_a";
const B = "auto_b";

/** A client holding one cached entry per key, none of them stale. */
function clientWith(keys: QueryKey[]) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const k of keys) qc.setQueryData(k, { cached: k });
  return qc;
}
const invalidated = (qc: QueryClient, key: QueryKey) => qc.getQueryState(key)?.isInvalidated;

describe("query key hierarchy", () => {
  const list = automationKeys.list({ q: "", limit: 50 });
  const picker = automationKeys.list({ limit: 200 });
  const detail = automationKeys.detail(A);
  const versions = automationKeys.versions(A);
  const version = automationKeys.version(A, 2);
  const activation = automationKeys.activation(A, 2);
  const triggers = triggerKeys.ofAutomation(A);
  const runsOfA = runKeys.listOfAutomation(A, {});
  const failedRunsOfA = runKeys.listOfAutomation(A, { status: "failed" });
  const runsOfB = runKeys.listOfAutomation(B, {});
  const workspaceRuns = runKeys.list({});
  const run = runKeys.detail("run_1");
  const approvals = approvalKeys.list("pending");
  const sources = sourceKeys.list({ q: "" });
  const all = [list, picker, detail, versions, version, activation, triggers, runsOfA, failedRunsOfA, runsOfB, workspaceRuns, run, approvals, sources];

  it("gives every query its own cache entry", () => {
    const hashes = all.map((k) => hashKey(k));
    expect(new Set(hashes).size).toBe(all.length);
    // The merge picker and the list page ask for different pages: one must not overwrite the other.
    expect(hashKey(picker)).not.toBe(hashKey(list));
  });

  it("invalidating the automations prefix reaches the lists, the merge picker and everything under one automation", () => {
    const qc = clientWith(all);
    void qc.invalidateQueries({ queryKey: automationKeys.all });
    for (const k of [list, picker, detail, versions, version, activation, triggers, runsOfA, failedRunsOfA, runsOfB]) expect(invalidated(qc, k), hashKey(k)).toBe(true);
    for (const k of [workspaceRuns, run, approvals, sources]) expect(invalidated(qc, k), hashKey(k)).toBe(false);
  });

  it("invalidating the lists leaves one automation's detail and versions alone", () => {
    const qc = clientWith(all);
    void qc.invalidateQueries({ queryKey: automationKeys.lists() });
    expect(invalidated(qc, list)).toBe(true);
    expect(invalidated(qc, picker)).toBe(true);
    for (const k of [detail, versions, version, runsOfA]) expect(invalidated(qc, k), hashKey(k)).toBe(false);
  });

  it("one automation's prefix reaches its versions, triggers and runs, not another automation's", () => {
    const qc = clientWith(all);
    void qc.invalidateQueries({ queryKey: automationKeys.detail(A) });
    for (const k of [detail, versions, version, activation, triggers, runsOfA, failedRunsOfA]) expect(invalidated(qc, k), hashKey(k)).toBe(true);
    for (const k of [runsOfB, list, picker]) expect(invalidated(qc, k), hashKey(k)).toBe(false);
  });

  it("run list keys nest under their automation", () => {
    expect(runsOfA.slice(0, automationKeys.detail(A).length)).toEqual([...automationKeys.detail(A)]);
    expect(runsOfA.slice(0, runKeys.ofAutomation(A).length)).toEqual([...runKeys.ofAutomation(A)]);
  });

  it("a changed run refreshes every run list it can be on and every run page, and nothing else", async () => {
    const qc = clientWith(all);
    await invalidateRuns(qc, A);
    for (const k of [runsOfA, failedRunsOfA, workspaceRuns, run]) expect(invalidated(qc, k), hashKey(k)).toBe(true);
    for (const k of [runsOfB, detail, versions, list, approvals]) expect(invalidated(qc, k), hashKey(k)).toBe(false);
  });
});

describe("client-side type modules", () => {
  // Anything these modules import for its value ends up in the browser bundle; server modules
  // (which reach Prisma and pg) may only be imported for their types.
  const here = import.meta.dirname;
  const files = [path.join(here, "../client/types.ts"), ...readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => path.join(here, f))];
  const valueImportsAllowed = new Set(["@tanstack/react-query", "../client/api"]);

  it.each(files.map((f) => [path.relative(path.join(here, "../.."), f), f]))("%s imports server modules as types only", (_, file) => {
    const imports = [...readFileSync(file, "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)];
    expect(imports.length).toBeGreaterThan(0);
    const valueImports = imports.filter(([, isType, from]) => !isType && !valueImportsAllowed.has(from!) && !from!.startsWith("./"));
    expect(valueImports.map(([, , from]) => from)).toEqual([]);
  });
});
