import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const script = path.resolve("scripts/check-import-cycles.ts");
const tsx = path.resolve("node_modules/.bin/tsx");
let dir = "";

function tree(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), "cycles-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}
const check = () => run(tsx, [script], { cwd: dir, env: { ...process.env, ROOTS: "lib" } });

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the folder import-cycle check", () => {
  it("fails on folders that import each other, naming both and the files (two imports on one line too)", async () => {
    tree({ "lib/a/one.ts": 'import { two } from "../b/two";\nexport const one = two;\n', "lib/b/two.ts": 'import { z } from "zod";import { one } from "@/lib/a/one";\nexport const two = () => z ?? one;\n' });
    const err = await check().then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain("Import cycle between folders: lib/a, lib/b");
    expect(err?.stderr).toContain("lib/b → lib/a  (lib/b/two.ts)");
  });

  it("passes layered folders, and counts a type-only import as a dependency", async () => {
    tree({ "lib/a/one.ts": 'import { two } from "../b/two";\nexport const one = two;\n', "lib/b/two.ts": "export const two = 2;\n" });
    expect((await check()).stdout).toContain("No folder-level import cycles among 2 folders.");
    writeFileSync(path.join(dir, "lib/b/two.ts"), 'import type { one } from "../a/one";\nexport const two: typeof one | 2 = 2;\n');
    const err = await check().then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
  });
});
