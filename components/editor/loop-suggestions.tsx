"use client";
import { Repeat, X } from "lucide-react";
import { useDeferredValue, useMemo, useState } from "react";
import type { TDefinition } from "@/lib/automations/schemas";
import { likeStepsOverLists } from "@/lib/crystallize/infer-loops";
import { asSentence, stepNames } from "@/lib/client/loop";
import { Button } from "../ui/ui";

// Like steps over one list, offered as one loop: found in the definition (a crystallized run that
// fetched 2 of 3 reservations), or picked on the canvas by the user.

/**
 * One line per group of like steps that could be one loop, each made in one click. `onMake`
 * applies the edit and answers why it was refused, if it was.
 */
export function LoopSuggestions({ def, onMake }: { def: TDefinition; onMake: (steps: string[]) => string | null }) {
  // Every keystroke in a step's inputs is a new definition: the search waits for typing to pause.
  const steps = useDeferredValue(def.steps);
  const groups = useMemo(() => likeStepsOverLists(steps), [steps]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [refused, setRefused] = useState<{ group: string; problem: string } | null>(null);
  const shown = groups.filter((g) => !dismissed.has(g.steps.join(",")));
  if (shown.length === 0) return null;
  return (
    <section
      aria-label="Loop suggestions"
      className="max-h-32 overflow-y-auto border-b border-indigo-200 bg-indigo-50 px-4 py-1.5 text-sm text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
    >
      <ul className="space-y-1">
        {shown.map((g) => {
          const id = g.steps.join(",");
          const names = stepNames(g.steps);
          return (
            <li key={id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Repeat className="size-4 shrink-0 text-indigo-600 dark:text-indigo-300" aria-hidden />
              <span className="min-w-0">
                <span className="font-mono text-xs">{names}</span> read successive items of <span className="font-mono text-xs">{g.over}</span>
              </span>
              <Button
                className="bg-white py-1 dark:bg-slate-900"
                title={`One step instead, run once for every item of ${g.over}, however many it has (undo brings the steps back)`}
                onClick={() => {
                  const problem = onMake(g.steps);
                  setRefused(problem ? { group: id, problem } : null);
                }}
              >
                Make a loop
              </Button>
              <button
                type="button"
                className="ml-auto rounded p-1 text-indigo-700 hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-900"
                aria-label={`Dismiss the suggestion for ${names}`}
                title="Keep them as separate steps"
                onClick={() => setDismissed(new Set(dismissed).add(id))}
              >
                <X className="size-4" aria-hidden />
              </button>
              {refused?.group === id && (
                <p role="alert" className="basis-full pl-7 text-xs text-red-700 dark:text-red-300">
                  {asSentence(refused.problem)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Over the canvas while several steps are picked: make them one loop, or say why not. */
export function PickedSteps({ picked, onMake, onClear }: { picked: string[]; onMake: () => string | null; onClear: () => void }) {
  const [refused, setRefused] = useState<{ picked: string; problem: string } | null>(null);
  const id = picked.join(",");
  return (
    <div role="group" aria-label="Picked steps" className="absolute top-2 left-1/2 z-10 flex w-max max-w-[min(36rem,calc(100%-18rem))] -translate-x-1/2 flex-col items-center gap-1">
      <div className="flex items-center gap-2 rounded-md bg-white/95 py-1 pr-1 pl-3 shadow dark:bg-slate-900/95">
        <span data-testid="picked-count" className="text-sm text-slate-600 dark:text-slate-300">{picked.length} steps picked</span>
        <Button
          className="py-1"
          onClick={() => {
            const problem = onMake();
            setRefused(problem ? { picked: id, problem } : null);
          }}
        >
          <Repeat className="size-4" aria-hidden /> Make a loop ({picked.length} steps)
        </Button>
        <Button variant="ghost" className="py-1" onClick={onClear}>
          Clear
        </Button>
      </div>
      {refused?.picked === id && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-800 shadow dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          Can&apos;t make a loop: {refused.problem}.
        </p>
      )}
    </div>
  );
}
