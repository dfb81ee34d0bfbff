import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { createProvider } from "@/lib/tool-providers/create-provider";
import { listProviders } from "@/lib/tool-providers/list-providers";
import { ZCreateProvider } from "@/lib/tool-providers/schemas";
import { ZToolProvider, ZToolProviderList } from "@/lib/tool-providers/responses";

// GET /api/v1/tool-providers
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listProviders(db, { workspaceId }) }), {
  summary: "The workspace's tool providers, oldest first",
  response: ZToolProviderList,
});

// POST /api/v1/tool-providers
export const POST = withWorkspace(({ db, workspaceId, body, audit }) => createProvider(db, { workspaceId, body, audit }), {
  summary: "Add an MCP server (built in, Streamable HTTP URL, or a stdio command where the server allows it) or an HTTP tool endpoint",
  body: ZCreateProvider,
  response: ZToolProvider,
  status: 201,
  roles: ADMINS,
});
