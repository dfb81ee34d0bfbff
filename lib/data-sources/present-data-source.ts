import type { DataSource } from "../generated/prisma/client";
import { openSecret } from "../security/secrets";

// The connection string holds a password: it is accepted, never returned.
export const presentDataSource = (d: DataSource) => ({ id: d.id, name: d.name, host: safeHost(openSecret(d.connectionString)), created_at: d.createdAt.toISOString() });

function safeHost(url: string) {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return null;
  }
}
