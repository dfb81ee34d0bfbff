import { z } from "zod";
import { actorLabel } from "@/lib/auth/actor";
import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createApiKey, presentApiKey } from "@/lib/api-keys/api-keys";
import { ZApiKeyList, ZCreatedApiKey } from "@/lib/api-keys/responses";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";

// GET /api/v1/api-keys
export const GET = withWorkspace(
  async ({ db, workspaceId }) => {
    return { data: (await listApiKeys(db, { workspaceId })).map(presentApiKey) };
  },
  { summary: "The workspace's API keys, newest first, without their secrets", response: ZApiKeyList, roles: ADMINS },
);

// POST /api/v1/api-keys
export const POST = withWorkspace(
  async ({ workspaceId, actor, body, audited }) => {
    const { key, secret } = await audited(
      (tx) => createApiKey(tx, { workspaceId, name: body.name, role: body.role, createdBy: actorLabel(actor) }),
      ({ key }) => ({ action: "api_key.created", targetType: "api_key", targetId: key.id, details: { name: key.name, role: key.role } }),
    );
    return { ...presentApiKey(key), secret };
  },
  {
    summary: "Create an API key; the response holds the secret, which is never shown again",
    body: z.object({
      name: z.string().trim().min(1).max(100),
      role: z.enum(["admin", "member"]).default("admin").describe("a member key cannot manage keys, providers, data sources, invites or security settings"),
    }),
    response: ZCreatedApiKey,
    status: 201,
    roles: ADMINS,
  },
);
