import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZKeyParams } from "@/lib/api/params";
import { presentApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { ZApiKey } from "@/lib/api-keys/responses";

// DELETE /api/v1/api-keys/{key_id}
export const DELETE = withWorkspace(
  async ({ workspaceId, params, audited }) => {
    return presentApiKey(
      await audited(
        (tx) => revokeApiKey(tx, workspaceId, params.key_id),
        (k) => ({ action: "api_key.revoked", targetType: "api_key", targetId: k.id, details: { name: k.name } }),
      ),
    );
  },
  { summary: "Revoke an API key; requests with it are refused from now on", params: ZKeyParams, response: ZApiKey, roles: ADMINS },
);
