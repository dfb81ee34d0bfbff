import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZProviderParams } from "@/lib/api/params";
import { refreshProvider } from "@/lib/tool-providers/refresh-provider";

// POST /api/v1/tool-providers/{provider_id}/refresh: ask the provider again what tools it offers
export const POST = withWorkspace(({ db, workspaceId, params, audit }) => refreshProvider(db, { workspaceId, providerId: params.provider_id, audit }), {
  params: ZProviderParams,
  roles: ADMINS,
});
