"use client";
import type { FieldChange, StepDiff, VersionDiff, WordPart, Wording } from "@/lib/editor/diff";
import { JsonView } from "../../ui/json-view";
import { cx } from "../../ui/ui";

// Two versions side by side as a reviewer reads them: per step what happened to it, its wiring in
// words, and each changed input with texts diffed word by word and shown whole, wrapped.

const CHANGE_BADGE: Record<string, string> = {
  added: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  removed: "bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100",
  changed: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  moved: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
  same: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};
const REMOVED = "rounded-sm bg-red-200 text-red-950 line-through decoration-red-700/60 dark:bg-red-900/70 dark:text-red-50";
const ADDED = "rounded-sm bg-emerald-200 text-emerald-950 no-underline dark:bg-emerald-900/70 dark:text-emerald-50";

export function VersionDiffView({ diff, left, right, showInternals }: { diff: VersionDiff; left: number; right: number; showInternals: boolean }) {
  const steps = diff.steps.filter((d) => d.change !== "same" || (showInternals && d.internals.length > 0));
  const hiddenInternals = !showInternals && (diff.internals.length > 0 || diff.steps.some((d) => d.internals.length > 0));
  const nothing = steps.length === 0 && diff.parameters.length === 0 && diff.settings.length === 0 && !(showInternals && diff.internals.length);
  if (nothing)
    return (
      <p className="text-sm text-slate-500">
        v{left} and v{right} have the same steps and parameters.{hiddenInternals && " Only internals differ: tick “Show internals” to see them."}
      </p>
    );
  return (
    <div className="max-h-[60vh] space-y-3 overflow-y-auto pr-1" aria-label="Differences">
      {(diff.parameters.length > 0 || diff.settings.length > 0) && (
        <section aria-label="Parameters and settings" className="rounded border border-slate-200 p-2 dark:border-slate-800">
          <h3 className="mb-1 text-sm font-medium">Parameters and settings</h3>
          <WordingList items={diff.parameters} />
          {diff.settings.map((f) => (
            <Field key={f.label} field={f} left={left} right={right} />
          ))}
        </section>
      )}
      {steps.map((d) => (
        <StepSection key={d.key} d={d} left={left} right={right} showInternals={showInternals} />
      ))}
      {showInternals && diff.internals.length > 0 && (
        <section aria-label="Automation internals" className="rounded border border-dashed border-slate-300 p-2 dark:border-slate-700">
          <h3 className="mb-1 text-sm font-medium text-slate-600 dark:text-slate-400">Automation internals</h3>
          {diff.internals.map((f) => (
            <Field key={f.label} field={f} left={left} right={right} />
          ))}
        </section>
      )}
    </div>
  );
}

function StepSection({ d, left, right, showInternals }: { d: StepDiff; left: number; right: number; showInternals: boolean }) {
  return (
    <section aria-label={`Step ${d.key}`} data-change={d.change} className="rounded border border-slate-200 dark:border-slate-800">
      <h3 className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-2 py-1 text-sm font-medium dark:border-slate-800">
        <span className="font-mono">{d.key}</span>
        {d.name && <span className="font-normal text-slate-600 dark:text-slate-400">{d.name}</span>}
        <span className={cx("rounded px-1.5 text-xs", CHANGE_BADGE[d.change])}>{d.change}</span>
        {d.moved && (
          <span className={cx("rounded px-1.5 text-xs", CHANGE_BADGE.moved)}>
            moved from position {d.moved.from} to {d.moved.to}
          </span>
        )}
      </h3>
      <div className="space-y-2 p-2">
        {d.change === "added" && <p className="text-xs text-slate-600 dark:text-slate-400">New in v{right}:</p>}
        {d.change === "removed" && <p className="text-xs text-slate-600 dark:text-slate-400">Was in v{left}, gone in v{right}:</p>}
        <WordingList items={d.wiring} />
        {d.fields.map((f) => (
          <Field key={f.label} field={f} left={left} right={right} />
        ))}
        {showInternals && d.internals.length > 0 && (
          <div aria-label={`Internals of ${d.key}`} role="group" className="rounded border border-dashed border-slate-300 p-2 opacity-90 dark:border-slate-700">
            <p className="mb-1 text-xs font-medium text-slate-500">Internals</p>
            {d.internals.map((f) => (
              <Field key={f.label} field={f} left={left} right={right} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

function WordingList({ items }: { items: Wording[] }) {
  if (!items.length) return null;
  return (
    <ul className="space-y-0.5 text-sm" aria-label="In words">
      {items.map((w) => (
        <li key={`${w.change} ${w.text}`} className="flex gap-2">
          <span aria-hidden className={cx("w-3 shrink-0 font-mono", w.change === "added" ? "text-emerald-700" : w.change === "removed" ? "text-red-700" : "text-amber-700")}>
            {w.change === "added" ? "+" : w.change === "removed" ? "−" : "~"}
          </span>
          <span>
            <span className="sr-only">{w.change}: </span>
            <span className={cx(w.change === "removed" && "text-red-800 line-through dark:text-red-300")}>{w.text}</span>
            {w.was && <span className="text-slate-500"> (was: {w.was})</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Field({ field, left, right }: { field: FieldChange; left: number; right: number }) {
  return (
    <div role="group" aria-label={field.label} className="text-xs">
      <p className="mb-0.5 font-mono text-slate-600 dark:text-slate-400">
        {field.label} <span className="font-sans text-slate-500">{field.change}</span>
      </p>
      {field.words ? (
        <div className="grid gap-2 md:grid-cols-2">
          <Words parts={field.words} side="removed" label={`v${left}`} />
          <Words parts={field.words} side="added" label={`v${right}`} />
        </div>
      ) : (
        <div className="grid gap-2 md:grid-cols-2">
          <Value value={field.before} label={`v${left}`} absent={field.change === "added"} />
          <Value value={field.after} label={`v${right}`} absent={field.change === "removed"} />
        </div>
      )}
    </div>
  );
}

/** One side of a word diff: the common words plus this side's own, which are marked. */
function Words({ parts, side, label }: { parts: WordPart[]; side: "added" | "removed"; label: string }) {
  return (
    <div>
      <p className="text-[11px] text-slate-500">{label}</p>
      <pre aria-label={label} className="whitespace-pre-wrap break-words rounded bg-slate-50 p-1.5 font-mono text-[11px] leading-4 dark:bg-slate-900">
        {parts.map((p, i) =>
          !p.change ? (
            <span key={i}>{p.text}</span>
          ) : p.change !== side ? null : side === "removed" ? (
            <del key={i} className={REMOVED}>
              {p.text}
            </del>
          ) : (
            <ins key={i} className={ADDED}>
              {p.text}
            </ins>
          ),
        )}
      </pre>
    </div>
  );
}

function Value({ value, label, absent }: { value: unknown; label: string; absent: boolean }) {
  return (
    <div aria-label={label}>
      <p className="text-[11px] text-slate-500">{label}</p>
      {absent ? (
        <p className="p-1.5 italic text-slate-400">not set</p>
      ) : value !== null && typeof value === "object" ? (
        <JsonView value={value} />
      ) : (
        <pre className="whitespace-pre-wrap break-words rounded bg-slate-50 p-1.5 font-mono text-[11px] leading-4 dark:bg-slate-900">{typeof value === "string" && (value.length > 80 || value.includes("\n")) ? value : JSON.stringify(value)}</pre>
      )}
    </div>
  );
}
