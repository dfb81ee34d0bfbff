import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Approval, Page } from "../client/types";

/** Approval gates: ["approvals", "list", { status }]; a decision invalidates ["approvals"] and the run's keys. */
export const approvalKeys = {
  all: ["approvals"] as const,
  lists: () => ["approvals", "list"] as const,
  list: (status: string) => ["approvals", "list", { status }] as const,
};

export const approvalListQuery = (status: string) =>
  queryOptions({ queryKey: approvalKeys.list(status), queryFn: () => api<Page<Approval>>(`/api/v1/approvals?${new URLSearchParams({ status, limit: "100" })}`) });
