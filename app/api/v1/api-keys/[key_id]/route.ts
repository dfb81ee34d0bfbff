import { withWorkspace } from "@/lib/api/handler";
import { ZKeyParams } from "@/lib/api/params";
import { assertCanManageKeys, presentApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";

// DELETE /api/v1/api-keys/{key_id}: revokes the key; requests with it are refused from now on
export const DELETE = withWorkspace(
  async ({ db, workspaceId, actor, params }) => {
    assertCanManageKeys(actor.role);
    return presentApiKey(await revokeApiKey(db, workspaceId, params.key_id));
  },
  { params: ZKeyParams, audit: ({ params }) => ({ action: "api_key.revoked", targetType: "api_key", targetId: params.key_id }) },
);
