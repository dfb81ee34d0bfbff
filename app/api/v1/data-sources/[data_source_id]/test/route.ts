import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZDataSourceParams } from "@/lib/api/params";
import { testDataSource } from "@/lib/data-sources/test-data-source";
import { ZDataSourceTest } from "@/lib/data-sources/responses";

// POST /api/v1/data-sources/{data_source_id}/test
export const POST = withWorkspace(({ db, workspaceId, params }) => testDataSource(db, { workspaceId, dataSourceId: params.data_source_id }), {
  summary: "Connect to the data source as a SQL step would and list the tables it can see; 422 with the reason when it cannot",
  params: ZDataSourceParams,
  response: ZDataSourceTest,
  roles: ADMINS,
});
