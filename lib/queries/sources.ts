import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Page, SourceDetail, SourceKind, SourceSummary } from "../client/types";

export type SourceFilters = { q?: string; kind?: string; status?: string };

/** Agent runs and chat threads: ["sources", "list", filters] for the run history, ["sources", kind, id] for one. */
export const sourceKeys = {
  all: ["sources"] as const,
  lists: () => ["sources", "list"] as const,
  list: (filters: SourceFilters) => ["sources", "list", filters] as const,
  detail: (kind: SourceKind, id: string) => ["sources", kind, id] as const,
};

export const sourcePath = (kind: SourceKind, id: string) => (kind === "agent_run" ? `/api/v1/agents/runs/${id}` : `/api/v1/chat/threads/${id}`);

export const sourceListQuery = (filters: SourceFilters) =>
  infiniteQueryOptions({
    queryKey: sourceKeys.list(filters),
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const { q, kind, status } = filters;
      const params = new URLSearchParams({ limit: "50", ...(q && { q }), ...(kind && { kind }), ...(status && { status }), ...(pageParam && { cursor: pageParam }) });
      return api<Page<SourceSummary>>(`/api/v1/sources?${params}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export const sourceQuery = (kind: SourceKind, id: string) => queryOptions({ queryKey: sourceKeys.detail(kind, id), queryFn: () => api<SourceDetail>(sourcePath(kind, id)) });
