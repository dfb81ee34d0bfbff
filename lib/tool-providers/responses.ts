import { z } from "zod";
import { stored } from "../api/stored";

// What the tool-provider routes answer (presentProvider). Header values and env may hold
// credentials, so only their names are shown.

export const ZProviderTool = z
  .looseObject({ name: z.string(), description: z.string().nullish(), input_schema: z.unknown().optional() })
  .meta({ id: "ProviderTool" });
export type ProviderTool = z.output<typeof ZProviderTool>;

export const ZToolProvider = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string().describe("builtin, mcp_stdio, mcp_http or http"),
    config: stored(z.object({
      server: z.string().optional(),
      command: z.string().optional(),
      args: z.array(z.string()).optional(),
      url: z.string().optional(),
      header_names: z.array(z.string()).optional(),
      env_names: z.array(z.string()).optional(),
    })),
    /** What the provider offers, as it listed (or, for HTTP endpoints, declared) them. */
    tools: stored(z.array(ZProviderTool)),
    refreshed_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "ToolProvider" });
export type ToolProvider = z.output<typeof ZToolProvider>;

export const ZToolProviderList = z.object({ data: z.array(ZToolProvider) });
export type ToolProviderList = z.output<typeof ZToolProviderList>;
