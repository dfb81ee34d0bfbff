"use client";
import { readableError } from "@/lib/client/readable-error";
import type { ButtonHTMLAttributes, ReactNode } from "react";

// Small shared building blocks, so every page looks and reads the same.

export const cx = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(" ");

const BUTTON = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "bg-red-600 text-white hover:bg-red-500",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
};

export function Button({ variant = "secondary", className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof BUTTON }) {
  return (
    <button
      type="button"
      {...props}
      className={cx(
        "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50",
        BUTTON[variant],
        className,
      )}
    />
  );
}

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500";

const STATUS_COLOURS: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  approved: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  failed: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  rejected: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  running: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  queued: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  waiting: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  waiting_for_approval: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  pending: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  equal: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  differs: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={cx("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS_COLOURS[status] ?? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300")}>
      {status.replaceAll("_", " ")}
    </span>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      {readableError(error instanceof Error ? error.message : String(error))}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" className="flex items-center gap-2 p-4 text-sm text-slate-500">
      <span className="inline-block size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />
      {label}
    </p>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </header>
  );
}

/** The header row of a list page's table; a column is its label, or its label and extra classes ("text-right"). */
export function ListTableHead({ columns }: { columns: (string | [label: string, className: string])[] }) {
  return (
    <thead className="text-slate-500">
      <tr>
        {columns.map((c, i) => {
          const [label, className] = typeof c === "string" ? [c, ""] : c;
          return (
            <th key={i} scope="col" className={cx(i === 0 && "py-2", className, "font-medium")}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

export const formatTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");
export const formatMs = (ms: number | null | undefined) => (ms == null ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** A status filter: `anyLabel` adds an empty choice meaning "all". */
export function StatusFilter({ value, onChange, options, anyLabel }: { value: string; onChange: (v: string) => void; options: string[]; anyLabel?: string }) {
  return (
    <label>
      <span className="sr-only">Status</span>
      <select className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel && <option value="">{anyLabel}</option>}
        {options.map((s) => (
          <option key={s} value={s}>
            {s.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The next page of a cursor-paged list. */
export function LoadMore({ list, shown }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; shown: number }) {
  if (!list.hasNextPage) return null;
  return (
    <div className="mt-4 text-center">
      <Button onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? "Loading…" : `Load more (${shown} shown)`}
      </Button>
    </div>
  );
}
