import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "../client/api";
import type { AuditEvent, Page } from "../client/types";

/** The audit log: ["audit-log", "list", { action }]. Every mutation may write an event, so the query client invalidates ["audit-log"] after each one (components/providers.tsx). */
export const auditKeys = {
  all: ["audit-log"] as const,
  list: (filters: { action?: string }) => ["audit-log", "list", filters] as const,
};

export const auditListQuery = (action: string) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(action ? { action } : {}),
    initialPageParam: "",
    queryFn: ({ pageParam }) => api<Page<AuditEvent>>(`/api/v1/audit-log?${new URLSearchParams({ limit: "50", ...(action && { action }), ...(pageParam && { cursor: pageParam }) })}`),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
