import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Page, RunDetail, RunListRow } from "../client/types";
import { automationKeys } from "./automations";

export type RunFilters = { status?: string };

/**
 * Automation runs: ["runs", runId] for one run, ["runs", "list", filters] for the workspace's list,
 * and ["automations", id, "runs", filters] for one automation's, so that invalidating an automation
 * reaches its runs too. A change to a run invalidates both prefixes (`invalidateRuns`).
 */
export const runKeys = {
  all: ["runs"] as const,
  lists: () => ["runs", "list"] as const,
  list: (filters: RunFilters) => ["runs", "list", filters] as const,
  ofAutomation: (automationId: string) => [...automationKeys.detail(automationId), "runs"] as const,
  listOfAutomation: (automationId: string, filters: RunFilters) => [...automationKeys.detail(automationId), "runs", filters] as const,
  detail: (runId: string) => ["runs", runId] as const,
};

/** The workspace's runs, or one automation's (automationId), newest first, paged by cursor. */
export const runListQuery = ({ automationId, status }: { automationId?: string | null; status?: string }) => {
  const filters: RunFilters = status ? { status } : {};
  return infiniteQueryOptions({
    queryKey: automationId ? runKeys.listOfAutomation(automationId, filters) : runKeys.list(filters),
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api<Page<RunListRow>>(`/api/v1/runs?${new URLSearchParams({ limit: "50", ...(automationId && { automation_id: automationId }), ...(status && { status }), ...(pageParam && { cursor: pageParam }) })}`),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
};

export const runQuery = (runId: string) => queryOptions({ queryKey: runKeys.detail(runId), queryFn: () => api<RunDetail>(`/api/v1/runs/${runId}`) });

/** A run started, changed or finished: every list it can be on, and every run's detail (a retry's source among them). */
export const invalidateRuns = (qc: QueryClient, automationId: string) =>
  Promise.all([qc.invalidateQueries({ queryKey: runKeys.all }), qc.invalidateQueries({ queryKey: runKeys.ofAutomation(automationId) })]);
