import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { ActivationCheck, Automation, AutomationSummary, Page, Version, VersionSummary } from "../client/types";

/**
 * Query keys for automations, one hierarchy: ["automations", "list", filters] for lists and
 * ["automations", id, …] for one automation and what hangs off it (versions, its activation check,
 * its runs and triggers, whose keys lib/queries/runs.ts and triggers.ts build on `detail`).
 * Invalidating a prefix reaches everything under it: a save refreshes the lists, a change to one
 * automation its versions.
 */
export const automationKeys = {
  all: ["automations"] as const,
  lists: () => ["automations", "list"] as const,
  list: (filters: { q?: string; limit: number }) => ["automations", "list", filters] as const,
  detail: (id: string) => ["automations", id] as const,
  versions: (id: string) => ["automations", id, "versions"] as const,
  version: (id: string, n: number) => ["automations", id, "versions", n] as const,
  activation: (id: string, version: number) => ["automations", id, "activation", version] as const,
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

export const versionListQuery = (id: string) =>
  queryOptions({ queryKey: automationKeys.versions(id), queryFn: () => api<{ data: VersionSummary[] }>(`/api/v1/automations/${id}/versions`) });

/** One version; versions never change once written, so it is never refetched. */
export const versionQuery = (id: string, n: number) =>
  queryOptions({ queryKey: automationKeys.version(id, n), queryFn: () => api<Version>(`/api/v1/automations/${id}/versions/${n}`), staleTime: Infinity });

/** What blocks activating this version; a new version is a new key. */
export const activationQuery = (id: string, version: number) =>
  queryOptions({ queryKey: automationKeys.activation(id, version), queryFn: () => api<ActivationCheck>(`/api/v1/automations/${id}/activation`) });
