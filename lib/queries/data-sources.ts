import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { DataSource } from "../client/types";

/** ["data-sources", "list"]; adding or deleting one invalidates ["data-sources"] and ["automations"] (activation blockers). */
export const dataSourceKeys = {
  all: ["data-sources"] as const,
  list: () => ["data-sources", "list"] as const,
};

export const dataSourceListQuery = () => queryOptions({ queryKey: dataSourceKeys.list(), queryFn: () => api<{ data: DataSource[] }>("/api/v1/data-sources") });
