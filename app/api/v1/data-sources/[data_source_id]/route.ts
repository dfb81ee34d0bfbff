import { ApiError } from "@/lib/errors";
import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZDataSourceParams } from "@/lib/api/params";

// DELETE /api/v1/data-sources/{data_source_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      async (tx) => {
        const { count } = await tx.dataSource.deleteMany({ where: { id: params.data_source_id, workspaceId } });
        if (count === 0) throw new ApiError("not_found", `Data source ${params.data_source_id} not found`);
      },
      () => ({ action: "data_source.deleted", targetType: "data_source", targetId: params.data_source_id }),
    ),
  { params: ZDataSourceParams, status: 204, roles: ADMINS },
);
