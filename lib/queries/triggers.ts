import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { CronPreview, Trigger } from "../client/types";
import { automationKeys } from "./automations";

/** An automation's triggers hang off the automation: ["automations", id, "triggers"]. */
export const triggerKeys = {
  ofAutomation: (automationId: string) => [...automationKeys.detail(automationId), "triggers"] as const,
  cronPreview: (cron: string, timezone: string) => ["cron-preview", { cron, timezone }] as const,
};

export const triggerListQuery = (automationId: string) =>
  queryOptions({ queryKey: triggerKeys.ofAutomation(automationId), queryFn: () => api<{ data: Trigger[] }>(`/api/v1/automations/${automationId}/triggers`) });

export const cronPreviewQuery = (cron: string, timezone: string) =>
  queryOptions({
    queryKey: triggerKeys.cronPreview(cron, timezone),
    queryFn: () => api<CronPreview>(`/api/v1/cron-preview?${new URLSearchParams({ cron, timezone })}`),
  });
