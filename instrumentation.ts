// Runs once when the server starts: open (and, when embedded, migrate) the database, then
// create the first workspace and demo data on an empty one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/db");
  const { bootstrap } = await import("./lib/bootstrap/bootstrap");
  const { DataDirLockedError } = await import("./lib/db/lock");
  const db = await getDb().catch((err: unknown) => {
    // Another server owns the embedded database: serving on would answer every request with a
    // 500. Say why and stop, so the operator sees it where the process was started.
    if (err instanceof DataDirLockedError || (err as Error)?.name === "DataDirLockedError") {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    }
    throw err;
  });
  const created = await bootstrap(db);
  if (created) console.log(`Created workspace ${created.id} (${created.name})`);
  const { sealStoredSecrets } = await import("./lib/security/seal-stored");
  const sealed = await sealStoredSecrets(db);
  if (sealed) console.log(`Sealed the secrets of ${sealed} rows stored in plain text`);
  const { migrateStoredDemoProviders } = await import("./lib/engine/migrate-demo-providers");
  const moved = await migrateStoredDemoProviders(db);
  if (moved) console.log(`Moved ${moved} demo tool providers from a local command to the built-in server`);
  const { startEngine } = await import("./lib/engine/engine");
  await startEngine();
}
