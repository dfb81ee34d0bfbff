import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createProvider } from "@/lib/tool-providers/create-provider";
import { presentProvider } from "@/lib/tool-providers/present-provider";
import { ZCreateProvider } from "@/lib/tool-providers/schemas";

// GET /api/v1/tool-providers
export const GET = withWorkspace(async ({ db, workspaceId }) => ({
  data: (await db.toolProvider.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map(presentProvider),
}));

// POST /api/v1/tool-providers: an MCP server (built in, Streamable HTTP URL, or a stdio command where the server allows it) or an HTTP tool endpoint
export const POST = withWorkspace(({ db, workspaceId, body, audit }) => createProvider(db, { workspaceId, body, audit }), {
  body: ZCreateProvider,
  status: 201,
  roles: ADMINS,
});
