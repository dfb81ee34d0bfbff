import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The embedded database folder as the server opens it: a new folder is initialised and migrated
// in a worker thread, and a folder one migration behind gets that migration on the next start.
// Each open is its own process, as a server start is (the database is one per process).

const run = promisify(execFile);
const root = process.cwd();
const folders = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const scratch = mkdtempSync(path.join(tmpdir(), "cz-data-dir-"));

async function openEmbedded(dataDir: string, projectRoot = root): Promise<string[]> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "tests/processes/open-embedded.ts"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", CRYSTALLIZE_ROOT: projectRoot },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as string[];
}

describe.skipIf(!!process.env.DATABASE_URL)("the embedded database folder", () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("is initialised and migrated on first open, and reopened as it is", async () => {
    const dir = path.join(scratch, "fresh");
    expect(await openEmbedded(dir)).toEqual(folders);
    expect(await openEmbedded(dir)).toEqual(folders);
  }, 120_000);

  it("gets the migrations it lacks on the next start", async () => {
    // A project one migration behind: the same files without the newest migration.
    const older = path.join(scratch, "older-project");
    cpSync(path.join(root, "prisma"), path.join(older, "prisma"), { recursive: true });
    rmSync(path.join(older, "prisma/migrations", folders.at(-1)!), { recursive: true });
    cpSync(path.join(root, "package.json"), path.join(older, "package.json"));
    symlinkSync(path.join(root, "node_modules"), path.join(older, "node_modules"));

    const dir = path.join(scratch, "upgraded");
    expect(await openEmbedded(dir, older)).toEqual(folders.slice(0, -1));
    expect(await openEmbedded(dir)).toEqual(folders);
  }, 120_000);
});
