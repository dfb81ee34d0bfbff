import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export declare function createDemoToolsServer(shop: { orders: Record<string, unknown>; stock: unknown[] }): McpServer;
