import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createDataSource } from "@/lib/data-sources/create-data-source";
import { listDataSources } from "@/lib/data-sources/list-data-sources";
import { verifyDataSource } from "@/lib/data-sources/verify-data-source";
import { ZCreateDataSource } from "@/lib/data-sources/schemas";

// GET /api/v1/data-sources: PostgreSQL databases SQL steps may query ("demo_warehouse" is built in)
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listDataSources(db, { workspaceId }) }));

// POST /api/v1/data-sources {name, connection_string}: checked by connecting before it is saved
export const POST = withWorkspace(
  async ({ db, workspaceId, body, audited }) => {
    await verifyDataSource({ db, workspaceId, connectionString: body.connection_string });
    return audited(
      (tx) => createDataSource(tx, { workspaceId, name: body.name, connectionString: body.connection_string }),
      (d) => ({ action: "data_source.created", targetType: "data_source", targetId: d.id, details: { name: d.name, host: d.host } }),
    );
  },
  { body: ZCreateDataSource, status: 201, roles: ADMINS },
);
