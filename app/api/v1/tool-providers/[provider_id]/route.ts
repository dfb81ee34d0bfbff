import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZProviderParams } from "@/lib/api/params";
import { getProviderOrThrow } from "@/lib/tool-providers/get-provider";
import { presentProvider } from "@/lib/tool-providers/present-provider";

// GET /api/v1/tool-providers/{provider_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentProvider(await getProviderOrThrow(db, { workspaceId, providerId: params.provider_id })), {
  params: ZProviderParams,
});

// DELETE /api/v1/tool-providers/{provider_id}: steps bound to it block activation again
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      async (tx) => {
        const p = await getProviderOrThrow(tx, { workspaceId, providerId: params.provider_id });
        await tx.toolProvider.delete({ where: { id: p.id } });
        return p;
      },
      (p) => ({ action: "tool_provider.deleted", targetType: "tool_provider", targetId: p.id, details: { name: p.name } }),
    ),
  { params: ZProviderParams, status: 204, roles: ADMINS },
);
