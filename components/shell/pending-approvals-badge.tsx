"use client";
import { useQuery } from "@tanstack/react-query";
import { pendingApprovalCountQuery } from "@/lib/queries/approvals";

/** How many gates wait for a decision, beside the Approvals link; nothing when none do. */
export function PendingApprovalsBadge() {
  const count = useQuery(pendingApprovalCountQuery()).data?.pending ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="pending-approvals"
      aria-label={`${count} waiting`}
      className="ml-auto rounded-full bg-amber-500 px-1.5 text-xs leading-5 font-semibold text-white tabular-nums dark:bg-amber-600"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
