import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { OpenApiDoc } from "../client/types";

export const openApiKeys = { all: ["openapi"] as const };

/** The API document changes only with a deploy. */
export const openApiQuery = () => queryOptions({ queryKey: openApiKeys.all, queryFn: () => api<OpenApiDoc>("/api/v1/openapi.json"), staleTime: Infinity });
