"use client";
import { useState } from "react";
import { describeProgress, loopProgress, type LoopProgress } from "@/lib/client/loop";
import type { StepRun } from "@/lib/client/types";
import { JsonView } from "../ui/json-view";
import { cx, formatMs, StatusBadge } from "../ui/ui";

type Item = NonNullable<StepRun["items"]>[number];

// A loop may have a thousand items: the list shows a page of them at a time, and an item's
// inputs and output are rendered only once it is opened.
const PAGE = 100;

/** Succeeded, failed and running items as one bar, for a glance at a long loop. */
export function LoopProgressBar({ progress }: { progress: LoopProgress }) {
  const pct = (n: number) => `${(100 * n) / Math.max(progress.total, 1)}%`;
  return (
    <div className="flex h-1.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800" aria-hidden>
      <div className="bg-emerald-500" style={{ width: pct(progress.succeeded) }} />
      <div className="bg-red-500" style={{ width: pct(progress.failed) }} />
      <div className="bg-sky-400" style={{ width: pct(progress.running) }} />
    </div>
  );
}

/** A looping step's items: how many are done, and each one's status, attempts, inputs, output and error. */
export function LoopItems({ items }: { items: Item[] }) {
  const progress = loopProgress(items)!;
  const statuses = [...new Set(items.map((i) => i.status))];
  const [filter, setFilter] = useState("");
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const listed = filter ? items.filter((i) => i.status === filter) : items;
  const toggle = (index: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(index)) next.add(index);
      return next;
    });

  return (
    <section aria-label="Items" className="space-y-2">
      <div className="flex items-center gap-2">
        <h3 className="text-xs font-medium">Items</h3>
        <p data-testid="loop-summary" className="text-xs text-slate-600 dark:text-slate-400">
          {describeProgress(progress)}
        </p>
        {statuses.length > 1 && (
          <label className="ml-auto text-xs">
            <span className="sr-only">Show items</span>
            <select
              className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
              value={filter}
              onChange={(e) => (setFilter(e.target.value), setShown(PAGE))}
            >
              <option value="">all ({items.length.toLocaleString("en-US")})</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s} ({items.filter((i) => i.status === s).length.toLocaleString("en-US")})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <LoopProgressBar progress={progress} />
      <ol className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {listed.slice(0, shown).map((item) => (
          <ItemRow key={item.index} item={item} open={open.has(item.index)} onToggle={() => toggle(item.index)} />
        ))}
        {listed.length === 0 && <li className="px-2 py-1.5 text-xs text-slate-500">No {filter} items.</li>}
      </ol>
      {listed.length > shown && (
        <button type="button" className="text-xs text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, listed.length - shown)} more of {(listed.length - shown).toLocaleString("en-US")} left
        </button>
      )}
    </section>
  );
}

function ItemRow({ item, open, onToggle }: { item: Item; open: boolean; onToggle: () => void }) {
  const ms = item.started_at && item.ended_at ? new Date(item.ended_at).getTime() - new Date(item.started_at).getTime() : null;
  // Numbered from 1, as the engine's messages count them ("item 3: …").
  const label = `Item ${item.index + 1}`;
  // The engine's message starts by naming the item, which the row already does.
  const ownPrefix = `item ${item.index + 1}: `;
  const preview = item.error?.startsWith(ownPrefix) ? item.error.slice(ownPrefix.length) : item.error;
  return (
    <li data-item={item.index} data-status={item.status}>
      <button
        type="button"
        aria-expanded={open}
        aria-label={`${label}, ${item.status}`}
        onClick={onToggle}
        className={cx("flex w-full items-center gap-2 px-2 py-1 text-left text-xs hover:bg-slate-50 dark:hover:bg-slate-900", open && "bg-slate-50 dark:bg-slate-900")}
      >
        <span aria-hidden className="inline-block w-3 text-slate-400">
          {open ? "▾" : "▸"}
        </span>
        <span className="w-12 shrink-0 font-mono tabular-nums">#{item.index + 1}</span>
        <StatusBadge status={item.status} />
        {item.attempts > 1 && <span className="text-slate-500">attempt {item.attempts}</span>}
        {preview && !open && (
          <span className="min-w-0 truncate text-red-700 dark:text-red-300" title={item.error ?? undefined}>
            {preview}
          </span>
        )}
        <span className="ml-auto shrink-0 tabular-nums text-slate-500">{formatMs(ms)}</span>
      </button>
      {open && (
        <div className="space-y-2 px-2 pt-1 pb-2" role="group" aria-label={`${label} detail`}>
          {item.error != null && (
            <div role="alert">
              <h4 className="mb-1 text-xs font-medium text-red-700 dark:text-red-300">{item.status === "failed" ? "Error" : "Error of the last attempt"}</h4>
              <p className="rounded-md bg-red-50 p-2 font-mono text-xs break-words text-red-800 dark:bg-red-950 dark:text-red-200">{item.error}</p>
            </div>
          )}
          {/* An item that failed while its inputs were built never ran: it has neither. */}
          {item.inputs != null ? (
            <div>
              <h4 className="mb-1 text-xs font-medium">Inputs</h4>
              <JsonView value={item.inputs} />
            </div>
          ) : (
            item.error == null && <p className="text-xs text-slate-500">Not started yet.</p>
          )}
          {item.status === "succeeded" && (
            <div>
              <h4 className="mb-1 text-xs font-medium">Output</h4>
              <JsonView value={item.output} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}
