import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createDataSource } from "@/lib/data-sources/create-data-source";
import { listDataSources } from "@/lib/data-sources/list-data-sources";
import { verifyDataSource } from "@/lib/data-sources/verify-data-source";
import { ZCreateDataSource } from "@/lib/data-sources/schemas";
import { ZDataSource, ZDataSourceList } from "@/lib/data-sources/responses";

// GET /api/v1/data-sources
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listDataSources(db, { workspaceId }) }), {
  summary: 'PostgreSQL databases SQL steps may query ("demo_warehouse" is built in)',
  response: ZDataSourceList,
});

// POST /api/v1/data-sources
export const POST = withWorkspace(
  async ({ db, workspaceId, body, audited }) => {
    await verifyDataSource({ db, workspaceId, connectionString: body.connection_string });
    return audited(
      (tx) => createDataSource(tx, { workspaceId, name: body.name, connectionString: body.connection_string }),
      (d) => ({ action: "data_source.created", targetType: "data_source", targetId: d.id, details: { name: d.name, host: d.host } }),
    );
  },
  { summary: "Add a PostgreSQL database by name and connection string, checked by connecting before it is saved", body: ZCreateDataSource, response: ZDataSource, status: 201, roles: ADMINS },
);
