import { queryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { Approval, Page, PendingApprovalCount } from "../client/types";

/**
 * Approval gates: ["approvals", "list", { status }], and ["approvals", "pending-count"] for the
 * sidebar's badge; a decision invalidates ["approvals"] (both) and the run's keys.
 */
export const approvalKeys = {
  all: ["approvals"] as const,
  lists: () => ["approvals", "list"] as const,
  list: (status: string) => ["approvals", "list", { status }] as const,
  pendingCount: () => ["approvals", "pending-count"] as const,
};

export const approvalListQuery = (status: string) =>
  queryOptions({ queryKey: approvalKeys.list(status), queryFn: () => api<Page<Approval>>(`/api/v1/approvals?${new URLSearchParams({ status, limit: "100" })}`) });

/** Polled gently: gates open as runs reach them, with nothing in this tab to invalidate on. */
export const pendingApprovalCountQuery = () =>
  queryOptions({ queryKey: approvalKeys.pendingCount(), queryFn: () => api<PendingApprovalCount>("/api/v1/approvals/pending-count"), refetchInterval: 15_000 });
