// Opens the embedded database in DATA_DIR as the server does, then prints the migrations it has
// recorded as one JSON line and exits.
import { closeDb, getDb, getEmbeddedPglite } from "../../lib/db";

async function main() {
  await getDb();
  const res = await getEmbeddedPglite()!.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
  );
  process.stdout.write(`${JSON.stringify(res.rows.map((r) => r.migration_name))}\n`);
  await closeDb();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
