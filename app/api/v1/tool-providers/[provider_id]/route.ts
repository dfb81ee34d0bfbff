import { withWorkspace } from "@/lib/api/handler";
import { ZProviderParams } from "@/lib/api/params";
import { getProviderOrThrow, presentProvider } from "@/lib/engine/tool-providers";

// GET /api/v1/tool-providers/{provider_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentProvider(await getProviderOrThrow(db, workspaceId, params.provider_id)), {
  params: ZProviderParams,
});

// DELETE /api/v1/tool-providers/{provider_id}: steps bound to it block activation again
export const DELETE = withWorkspace(
  async ({ db, workspaceId, params }) => {
    const p = await getProviderOrThrow(db, workspaceId, params.provider_id);
    await db.toolProvider.delete({ where: { id: p.id } });
  },
  { params: ZProviderParams, status: 204, audit: ({ params }) => ({ action: "tool_provider.deleted", targetType: "tool_provider", targetId: params.provider_id }) },
);
