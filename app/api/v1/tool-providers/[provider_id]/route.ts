import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZProviderParams } from "@/lib/api/params";
import { deleteProvider } from "@/lib/tool-providers/delete-provider";
import { getProviderOrThrow } from "@/lib/tool-providers/get-provider";
import { presentProvider } from "@/lib/tool-providers/present-provider";
import { ZToolProvider } from "@/lib/tool-providers/responses";

// GET /api/v1/tool-providers/{provider_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentProvider(await getProviderOrThrow(db, { workspaceId, providerId: params.provider_id })), {
  summary: "A tool provider with the tools it offers (credentials show by name only)",
  params: ZProviderParams,
  response: ZToolProvider,
});

// DELETE /api/v1/tool-providers/{provider_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => deleteProvider(tx, { workspaceId, providerId: params.provider_id }),
      (p) => ({ action: "tool_provider.deleted", targetType: "tool_provider", targetId: p.id, details: { name: p.name } }),
    ),
  { summary: "Remove a tool provider; steps bound to it block activation again", params: ZProviderParams, status: 204, roles: ADMINS },
);
