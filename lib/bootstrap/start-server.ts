import { getDb } from "../db";
import { DataDirLockedError } from "../db/lock";
import { migrateStoredDemoProviders } from "./migrate-demo-providers";
import { sealStoredSecrets } from "../security/seal-stored";
import { removeAbandonedSources } from "../sources/write-staged";
import { bootstrap } from "./bootstrap";
import { config } from "../config";
import { registerFastRoutes } from "./fast-routes";

/**
 * What the server does before it serves: open (and, when embedded, migrate) the database, create
 * the first workspace and demo data on an empty one, bring stored rows up to date, start the engine.
 */
export async function startServer() {
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
  const sealed = await sealStoredSecrets(db);
  if (sealed) console.log(`Sealed the secrets of ${sealed} rows stored in plain text`);
  const moved = await migrateStoredDemoProviders(db);
  if (moved) console.log(`Moved ${moved} demo tool providers from a local command to the built-in server`);
  const abandoned = await removeAbandonedSources(db, { everyOne: !config.databaseUrl });
  if (abandoned) console.log(`Removed ${abandoned} imports that a restart interrupted before they finished`);
  const { startEngine } = await import("../engine/engine");
  await startEngine();
  // Webhooks skip Next's pipeline from here on (see fast-routes.ts); until then Next serves them.
  registerFastRoutes();
}
