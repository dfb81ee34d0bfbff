"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { flashboardListQuery } from "@/lib/queries/flashboards";
import { EmptyState, ErrorAlert, formatTime, Loading, PageHeader } from "../ui/ui";

export function DashboardList() {
  const q = useQuery(flashboardListQuery());
  return (
    <>
      <PageHeader title="Dashboards" />
      <ErrorAlert error={q.error} />
      {q.isPending ? (
        <Loading />
      ) : q.data?.data.length === 0 ? (
        <EmptyState title="No dashboards yet">Automations with a create_flashboard step write their dashboards here every time they run.</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {q.data?.data.map((b) => (
            <li key={b.id}>
              <Link href={b.url} className="block rounded-lg border border-slate-200 p-4 hover:border-indigo-400 dark:border-slate-800">
                <p className="font-medium">{b.title}</p>
                <p className="text-xs text-slate-500">Updated {formatTime(b.updated_at)}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
