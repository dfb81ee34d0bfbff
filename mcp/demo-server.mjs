#!/usr/bin/env node
// The demo tools (demo-tools.mjs) as a stdio MCP server, for use outside the app:
// `node mcp/demo-server.mjs`. The app itself serves them in-process and starts no command.
import { readFileSync } from "node:fs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createDemoToolsServer } from "./demo-tools.mjs";

// The shop the demo refund thread was recorded against (lib/demo/demo-data.ts reads it too), so
// replaying that thread finds what the agent saw.
const shop = JSON.parse(readFileSync(new URL("./demo-shop.json", import.meta.url), "utf8"));

await createDemoToolsServer(shop).connect(new StdioServerTransport());
