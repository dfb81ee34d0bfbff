import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZProviderParams } from "@/lib/api/params";
import { refreshProvider } from "@/lib/tool-providers/refresh-provider";
import { ZToolProvider } from "@/lib/tool-providers/responses";

// POST /api/v1/tool-providers/{provider_id}/refresh
export const POST = withWorkspace(({ db, workspaceId, params, audit }) => refreshProvider(db, { workspaceId, providerId: params.provider_id, audit }), {
  summary: "Ask the tool provider again what tools it offers",
  params: ZProviderParams,
  response: ZToolProvider,
  roles: ADMINS,
});
