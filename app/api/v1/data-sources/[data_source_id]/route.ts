import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZDataSourceParams } from "@/lib/api/params";
import { deleteDataSource } from "@/lib/data-sources/delete-data-source";

// DELETE /api/v1/data-sources/{data_source_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => deleteDataSource(tx, { workspaceId, dataSourceId: params.data_source_id }),
      () => ({ action: "data_source.deleted", targetType: "data_source", targetId: params.data_source_id }),
    ),
  { summary: "Remove a data source; SQL steps that use it block activation again", params: ZDataSourceParams, status: 204, roles: ADMINS },
);
