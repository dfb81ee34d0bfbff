import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { ToolProvider } from "../client/types";

/** ["tool-providers", "list"]; adding, refreshing or deleting one invalidates ["tool-providers"] and ["automations"] (activation blockers). */
export const toolProviderKeys = {
  all: ["tool-providers"] as const,
  list: () => ["tool-providers", "list"] as const,
};

/** The workspace's tool providers and the tools each offers (the editor's Add step menu). */
export const toolProviderListQuery = () => queryOptions({ queryKey: toolProviderKeys.list(), queryFn: () => api<{ data: ToolProvider[] }>("/api/v1/tool-providers") });
