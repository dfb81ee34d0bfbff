import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Automation, AutomationSummary, Page } from "../client/types";

/**
 * Query keys for automations, one hierarchy: ["automations", "list", filters] for lists and
 * ["automations", id, …] for one automation and what hangs off it. Invalidating a prefix reaches
 * everything under it: a save refreshes the lists, a change to one automation its versions.
 */
export const automationKeys = {
  all: ["automations"] as const,
  lists: () => ["automations", "list"] as const,
  list: (filters: { q?: string; limit: number }) => ["automations", "list", filters] as const,
  detail: (id: string) => ["automations", id] as const,
  versions: (id: string) => ["automations", id, "versions"] as const,
  version: (id: string, n: number) => ["automations", id, "versions", n] as const,
};

export const automationQuery = (id: string) =>
  queryOptions({ queryKey: automationKeys.detail(id), queryFn: () => api<Automation>(`/api/v1/automations/${id}`), refetchOnWindowFocus: false });

/** Every automation, newest first, for pickers (the merge target in the Crystallize dialog). */
export const automationPickerQuery = () =>
  queryOptions({ queryKey: automationKeys.list({ limit: 200 }), queryFn: () => api<Page<AutomationSummary>>("/api/v1/automations?limit=200") });

export const automationListQuery = (search: string) =>
  infiniteQueryOptions({
    queryKey: automationKeys.list({ q: search, limit: 50 }),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<Page<AutomationSummary>>(`/api/v1/automations?${new URLSearchParams({ limit: "50", ...(search && { q: search }), ...(pageParam && { cursor: pageParam }) })}`),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
