import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { ApiKey } from "../client/types";

export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => ["api-keys", "list"] as const,
};

export const apiKeyListQuery = () => queryOptions({ queryKey: apiKeyKeys.list(), queryFn: () => api<{ data: ApiKey[] }>("/api/v1/api-keys") });
