import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createProvider, presentProvider, ZCreateProvider } from "@/lib/engine/tool-providers";

// GET /api/v1/tool-providers
export const GET = withWorkspace(async ({ db, workspaceId }) => ({
  data: (await db.toolProvider.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map(presentProvider),
}));

// POST /api/v1/tool-providers: an MCP server (stdio command or Streamable HTTP URL) or an HTTP tool endpoint
export const POST = withWorkspace(
  ({ db, workspaceId, body, audit }) =>
    createProvider(db, workspaceId, body, (tx, p) =>
      audit(tx, { action: "tool_provider.created", targetType: "tool_provider", targetId: p.id, details: { name: p.name, kind: p.kind } }),
    ),
  { body: ZCreateProvider, status: 201, roles: ADMINS },
);
