import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { newId } from "@/lib/ids";
import { verifyDataSource } from "@/lib/data-sources/verify-data-source";
import { ZCreateDataSource } from "@/lib/data-sources/schemas";
import { openSecret, sealSecret } from "@/lib/security/secrets";
import type { DataSource } from "@/lib/generated/prisma/client";

// The connection string holds a password: it is accepted, never returned.
const present = (d: DataSource) => ({ id: d.id, name: d.name, host: safeHost(openSecret(d.connectionString)), created_at: d.createdAt.toISOString() });
const safeHost = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return null;
  }
};

// GET /api/v1/data-sources: PostgreSQL databases SQL steps may query ("demo_warehouse" is built in)
export const GET = withWorkspace(async ({ db, workspaceId }) => ({
  data: (await db.dataSource.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map(present),
}));

// POST /api/v1/data-sources {name, connection_string}: checked by connecting before it is saved
export const POST = withWorkspace(
  async ({ db, workspaceId, body, audited }) => {
    await verifyDataSource({ db, workspaceId, connectionString: body.connection_string });
    return audited(
      async (tx) => present(await tx.dataSource.create({ data: { id: newId("ds"), workspaceId, name: body.name, connectionString: sealSecret(body.connection_string) } })),
      (d) => ({ action: "data_source.created", targetType: "data_source", targetId: d.id, details: { name: d.name, host: d.host } }),
    );
  },
  { body: ZCreateDataSource, status: 201, roles: ADMINS },
);
