import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import demoShop from "../../../mcp/demo-shop.json";
import { createDemoToolsServer } from "../../../mcp/demo-tools.mjs";

// MCP servers that ship with the app and run inside it (tool provider kind "builtin"): they start
// no process, and a workspace chooses only which one, never what it runs.

export const BUILTIN_SERVERS = ["demo-tools"] as const;
export type BuiltinServer = (typeof BUILTIN_SERVERS)[number];

/** A fresh server instance: each connection gets its own, as each stdio connection got a process. */
export function createBuiltinServer(name: BuiltinServer): McpServer {
  switch (name) {
    case "demo-tools":
      return createDemoToolsServer(demoShop);
  }
}
