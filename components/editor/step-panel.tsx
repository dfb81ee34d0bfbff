"use client";
import { describeExtract } from "@/lib/automations/extract";
import { AlertTriangle, CheckCircle2, Link2, Repeat, Snowflake, Trash2, Ungroup, X } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { getActionKind } from "@/lib/actions/registry";
import type { TStep, TTemplate } from "@/lib/automations/schemas";
import { bind, downstreamOf, getPointer, setInputs, setStepFields, unbind } from "@/lib/editor/graph";
import { fieldsFor, inputProblems, type Field } from "@/lib/editor/fields";
import { KindIcon } from "../canvas/step-node";
import { Button, formatTime, inputClass } from "../ui/ui";
import { JsonEditor } from "./json-editor";
import { InputSourceForm, ParameterChip, TemplateField, type PreviewAt } from "./input-sources";
import { needsReview, reviewReason } from "@/lib/automations/derive-metadata";
import { templateAt } from "@/lib/editor/templates";
import { asSentence, itemPart, loopPhraseFull } from "@/lib/client/loop";
import { unrollLoop } from "@/lib/editor/loops";
import { reviewerName } from "@/lib/editor/reviewer-name";
import { useEditor, useEditorStore } from "./store/editor-context";
import { problemFix, problemInWords } from "@/lib/editor/problem-fix";
import { isPlainObject } from "@/lib/json";
import { FixLink } from "../ui/fix-link";

type Props = {
  stepKey: string;
  onReview: () => void;
  reviewing: boolean;
  /** When template previews are for. */
  previewAt: PreviewAt;
};

/** The selected step: its frozen inputs as a form and as JSON, its bindings, and its review. */
export function StepPanel({ stepKey, ...rest }: Props) {
  const step = useEditor((s) => s.def.steps.find((x) => x.key === stepKey));
  return step ? <StepDetails step={step} {...rest} /> : null;
}

function StepDetails({ step, onReview, reviewing, previewAt }: Omit<Props, "stepKey"> & { step: TStep }) {
  const { edit, select, remove } = useEditorStore().getState();
  // Who reviewed the saved version's steps, by name.
  const reviewerNames = useEditor((s) => s.saved.reviewer_names);
  const kind = step.type === "action" ? step.action_kind : step.type;
  const spec = kind ? getActionKind(kind) : undefined;
  const fields = useMemo(() => fieldsFor(kind, step.inputs), [kind, step.inputs]);
  const boundAt = new Map(step.bindings.map((b) => [b.input_path, b]));
  const fedAt = new Set(step.parameter_refs.map((r) => r.input_path));
  const itemAt = new Map((step.for_each?.bind ?? []).map((b) => [b.input_path, b.item_path]));
  const fieldPaths = new Set(fields.map((f) => `/${f.name}`));
  const inferred = (step.templates ?? []).filter((t) => t.inferred);
  // A loop made of several calls: the reason the other review notes do not already give.
  const loopReason = step.for_each && !step.nondeterministic && inferred.length === 0 ? reviewReason(step) : null;
  const setField = (name: string, value: unknown) => {
    const inputs = { ...step.inputs };
    if (value === undefined) delete inputs[name];
    else inputs[name] = value;
    edit((d) => setInputs(d, step.key, inputs), `field:${step.key}:${name}`);
  };

  return (
    <aside aria-label={`Step ${step.key}`} className="flex h-full flex-col overflow-y-auto border-l border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-950">
      <div className="mb-3 flex items-start gap-2">
        <KindIcon kind={kind} className="mt-1 size-5 shrink-0" />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{step.name || step.key}</h2>
          <p className="text-xs text-slate-500">
            <span className="font-mono">{step.key}</span> · {spec?.label ?? kind}
          </p>
          {spec && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{spec.description}</p>}
        </div>
        <button type="button" aria-label="Close step panel" onClick={() => select(null)} className="rounded p-1 hover:bg-slate-100 dark:hover:bg-slate-800">
          <X className="size-4" aria-hidden />
        </button>
      </div>

      <ProblemNote step={step} />

      {needsReview(step) && (
        <section aria-label="Review" className={step.reviewed ? "mb-4 rounded-md bg-emerald-50 p-3 text-sm dark:bg-emerald-950" : "mb-4 rounded-md bg-orange-50 p-3 text-sm dark:bg-orange-950"}>
          {step.reviewed ? (
            <p className="flex items-center gap-1.5">
              <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />{" "}
              {step.reviewed.by ? `Reviewed by ${reviewerName(step.reviewed.by, reviewerNames)} · ${formatTime(step.reviewed.at)}` : "Reviewed · saved with your changes"}
            </p>
          ) : (
            <>
              <p className="flex items-center gap-1.5 font-medium text-orange-900 dark:text-orange-100">
                <AlertTriangle className="size-4" aria-hidden /> Needs review
              </p>
              {step.nondeterministic && <p className="mt-1 text-orange-900 dark:text-orange-100">{step.nondeterministic.reason}.</p>}
              {step.nondeterministic && step.nondeterministic.inputs.length > 0 && <p className="mt-1 text-xs">Model-written inputs: {step.nondeterministic.inputs.join(", ")}</p>}
              {loopReason && <p className="mt-1 text-orange-900 dark:text-orange-100">{asSentence(loopReason)} Tomorrow it makes as many calls as the list has items: check that is what the run meant.</p>}
              {inferred.length > 0 && (
                <p className="mt-1 text-orange-900 dark:text-orange-100">
                  Suggested templates for {inferred.map((t) => t.input_path).join(", ")}: {suggestionSummary(inferred)} Check each preview below; accept by marking the step reviewed, or freeze one back.
                </p>
              )}
              <Button className="mt-2" variant="primary" onClick={onReview} disabled={reviewing}>
                {reviewing ? "Saving…" : "Mark reviewed"}
              </Button>
            </>
          )}
        </section>
      )}

      <label className="mb-3 block text-sm">
        Name
        <input className={`${inputClass} mt-1`} value={step.name ?? ""} placeholder={step.key} onChange={(e) => edit((d) => setStepFields(d, step.key, { name: e.target.value || undefined }), `name:${step.key}`)} />
      </label>

      {step.for_each && <LoopSection step={step} loop={step.for_each} />}

      <section aria-label="Inputs" className="space-y-3">
        <h3 className="text-sm font-medium">Frozen inputs</h3>
        {fields.map((f) => {
          const path = `/${f.name}`;
          const template = templateAt(step, path);
          if (template) return <TemplateField key={f.name} step={step} template={template} previewAt={previewAt} />;
          if (boundAt.has(path)) return <BoundChip key={f.name} step={step} inputPath={path} />;
          if (fedAt.has(path)) return <ParameterChip key={f.name} step={step} inputPath={path} />;
          if (itemAt.has(path)) return <ItemChip key={f.name} inputPath={path} itemPath={itemAt.get(path)!} />;
          return <FieldInput key={f.name} field={f} value={step.inputs[f.name]} onChange={(v) => setField(f.name, v)} />;
        })}
        {(step.templates ?? [])
          .filter((t) => !fieldPaths.has(t.input_path))
          .map((t) => (
            <TemplateField key={t.input_path} step={step} template={t} previewAt={previewAt} />
          ))}
      </section>

      <section aria-label="Parameters and templates" className="mt-4">
        <h3 className="mb-1 text-sm font-medium">Parameters and templates</h3>
        <p className="mb-2 text-xs text-slate-500">A parameter-fed input takes each run&apos;s value (or the default); a template renders {"{{ params.x }}"}, {"{{ steps.k.output.y }}"} and relative dates into text.</p>
        <div className="flex flex-wrap gap-1.5">
          {step.parameter_refs.filter((r) => !fieldPaths.has(r.input_path)).map((r) => (
            <ParameterChip key={r.input_path} step={step} inputPath={r.input_path} />
          ))}
        </div>
        <InputSourceForm key={step.key} step={step} paths={[...fieldPaths]} />
      </section>

      <section aria-label="Bindings" className="mt-4">
        <h3 className="mb-1 text-sm font-medium">Data-flow bindings</h3>
        <p className="mb-2 text-xs text-slate-500">A bound input reads an upstream step&apos;s output on every run; a frozen one keeps its value.</p>
        <div className="flex flex-wrap gap-1.5">
          {step.bindings.filter((b) => !fields.some((f) => `/${f.name}` === b.input_path)).map((b) => (
            <BoundChip key={b.input_path} step={step} inputPath={b.input_path} />
          ))}
        </div>
        {/* Keyed by step: another step's form starts empty. */}
        <BindForm key={step.key} step={step} fields={fields} />
      </section>

      <section aria-label="Inputs as JSON" className="mt-4">
        <h3 className="mb-1 text-sm font-medium">Inputs (JSON)</h3>
        <JsonInputs step={step} kind={kind} />
      </section>

      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button variant="danger" onClick={() => remove([step.key], [])}>
          <Trash2 className="size-4" aria-hidden /> Delete step
        </Button>
      </div>
    </aside>
  );
}

/** What a for_each step runs over and what each item feeds, and the way back to one step per item. */
function LoopSection({ step, loop }: { step: TStep; loop: NonNullable<TStep["for_each"]> }) {
  const recorded = "recorded_count" in loop.items ? loop.items.recorded_count : undefined;
  return (
    <section aria-label="Loop" className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm dark:border-indigo-900 dark:bg-indigo-950">
      <h3 className="flex items-center gap-1.5 font-medium text-indigo-900 dark:text-indigo-100">
        <Repeat className="size-4" aria-hidden /> Runs once per item
      </h3>
      <p className="mt-1 font-mono text-xs break-words text-indigo-900 dark:text-indigo-100">{loopPhraseFull(loop.items)}</p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        Its output is the list of each item&apos;s output, in order.
        {recorded !== undefined && ` The list had ${recorded.toLocaleString("en-US")} ${recorded === 1 ? "item" : "items"} when it was recorded.`}
      </p>
      <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-y-1 text-xs">
        <dt className="text-slate-600 dark:text-slate-400">Each item feeds</dt>
        <dd>
          {loop.bind.length === 0 ? (
            <span className="text-slate-600 dark:text-slate-400">no input (the same inputs run once per item)</span>
          ) : (
            <ul className="space-y-0.5 font-mono">
              {loop.bind.map((b) => (
                <li key={b.input_path}>
                  {b.input_path || "/"} ← {itemPart(b.item_path)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">At a time</dt>
        <dd>{loop.concurrency === 1 ? "1 (one after another)" : loop.concurrency}</dd>
        <dt className="text-slate-600 dark:text-slate-400">At most</dt>
        <dd>{loop.max_items.toLocaleString("en-US")} items (a longer list fails the step)</dd>
      </dl>
      {/* Keyed by step: another loop starts without this one's refusal and count. */}
      <BackIntoSteps key={step.key} step={step} loop={loop} />
    </section>
  );
}

function BackIntoSteps({ step, loop }: { step: TStep; loop: NonNullable<TStep["for_each"]> }) {
  const store = useEditorStore();
  const [refused, setRefused] = useState<{ loop: typeof loop; problem: string; countHelps: boolean } | null>(null);
  const [count, setCount] = useState("");
  const shown = refused?.loop === loop ? refused : null;
  const n = Number(count);
  const validCount = /^\d+$/.test(count) && n >= 1 && n <= loop.max_items;
  const unroll = (steps?: number) => {
    const { def, applyLoopEdit } = store.getState();
    const problem = applyLoopEdit(unrollLoop(def, step.key, steps));
    // Whether saying how many steps would do: the same edit, given a count, goes through.
    if (problem) setRefused({ loop, problem, countHelps: steps === undefined && !("problem" in unrollLoop(def, step.key, 1)) });
  };
  return (
    <div className="mt-3 border-t border-indigo-200 pt-3 dark:border-indigo-900">
      <Button className="bg-white dark:bg-slate-900" onClick={() => unroll()} title="One step per item the list had when it was recorded, each bound to its own item">
        <Ungroup className="size-4" aria-hidden /> Back into steps
      </Button>
      {shown && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {asSentence(shown.problem)}
        </p>
      )}
      {shown?.countHelps && (
        <form
          className="mt-2 flex items-end gap-2 text-xs"
          aria-label="Steps to make"
          onSubmit={(e) => {
            e.preventDefault();
            if (validCount) unroll(n);
          }}
        >
          <label className="block">
            Steps to make
            <input type="number" min={1} max={loop.max_items} className={`${inputClass} mt-0.5 w-24`} value={count} onChange={(e) => setCount(e.target.value)} placeholder="e.g. 3" />
          </label>
          <Button type="submit" disabled={!validCount}>
            {validCount ? `Make ${n} ${n === 1 ? "step" : "steps"}` : "Make the steps"}
          </Button>
        </form>
      )}
    </div>
  );
}

function ItemChip({ inputPath, itemPath }: { inputPath: string; itemPath: string }) {
  return (
    <div className="text-sm">
      <p className="mb-1 font-mono text-xs">{inputPath.slice(1)}</p>
      <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-100 px-2 py-0.5 font-mono text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
        <Repeat className="size-3 shrink-0" aria-hidden />
        <span className="truncate">
          {inputPath} ← each {itemPart(itemPath)}
        </span>
      </span>
    </div>
  );
}

function FieldInput({ field, value, onChange }: { field: Field; value: unknown; onChange: (v: unknown) => void }) {
  const id = useId();
  const label = (
    <label htmlFor={id} className="mb-1 block font-mono text-xs">
      {field.name}
      {field.required && <span className="text-red-600"> *</span>}
    </label>
  );
  if (field.type === "boolean")
    return (
      <div className="flex items-center gap-2 text-sm">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </div>
    );
  if (field.type === "json")
    return (
      <div className="text-sm">
        <p className="font-mono text-xs">{field.name}</p>
        <p className="truncate font-mono text-xs text-slate-500">{value === undefined ? "not set" : JSON.stringify(value)} — edit in JSON below</p>
      </div>
    );
  return (
    <div className="text-sm">
      {label}
      {field.type === "text" ? (
        <textarea id={id} rows={Math.min(12, Math.max(3, String(value ?? "").split("\n").length))} className={`${inputClass} font-mono text-xs`} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />
      ) : field.type === "enum" ? (
        <select id={id} className={inputClass} value={String(value ?? "")} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">(default)</option>
          {field.options!.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : field.type === "number" ? (
        <input id={id} type="number" className={inputClass} value={value === undefined ? "" : String(value)} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />
      ) : (
        <input id={id} className={inputClass} value={String(value ?? "")} onChange={(e) => onChange(e.target.value === "" && !field.required ? undefined : e.target.value)} />
      )}
    </div>
  );
}

function BoundChip({ step, inputPath }: { step: TStep; inputPath: string }) {
  const { edit } = useEditorStore().getState();
  const b = step.bindings.find((x) => x.input_path === inputPath)!;
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-100 py-0.5 pr-1 pl-2 font-mono text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
      <Link2 className="size-3 shrink-0" aria-hidden />
      <span className="truncate" title={b.extract ? `${b.input_path} ← ${describeExtract(b.extract)} ${b.from_step}${b.output_path}` : undefined}>
        {b.input_path} ← {b.extract ? `${describeExtract(b.extract)} ` : ""}
        {b.from_step}
        {b.output_path}
      </span>
      <button
        type="button"
        className="rounded-full p-0.5 hover:bg-indigo-200 dark:hover:bg-indigo-900"
        aria-label={`Freeze ${b.input_path} to its recorded value`}
        title="Freeze: keep the recorded value instead of reading the upstream output"
        onClick={() => edit((d) => unbind(d, step.key, b.input_path))}
      >
        <Snowflake className="size-3" aria-hidden />
      </button>
    </span>
  );
}

function BindForm({ step, fields }: { step: TStep; fields: Field[] }) {
  const { edit } = useEditorStore().getState();
  const def = useEditor((s) => s.def);
  const candidates = useMemo(() => {
    // Any step that is not downstream may become an upstream one: binding adds the dependency.
    const down = downstreamOf(def, step.key);
    return def.steps.filter((s) => s.key !== step.key && !down.has(s.key)).map((s) => ({ key: s.key }));
  }, [def, step.key]);
  const [inputPath, setInputPath] = useState("");
  const [from, setFrom] = useState("");
  const [outputPath, setOutputPath] = useState("");
  const valid = /^(\/[^/]*)+$/.test(inputPath) && !!from && /^(\/[^/]*)*$/.test(outputPath);
  if (candidates.length === 0) return <p className="mt-2 text-xs text-slate-500">No other step can feed this one.</p>;
  return (
    <form
      className="mt-2 grid grid-cols-2 gap-1.5 text-xs"
      aria-label="Bind an input"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        edit((d) => bind(d, step.key, { input_path: inputPath, from_step: from, output_path: outputPath }));
        setInputPath("");
        setOutputPath("");
      }}
    >
      <label className="col-span-2">
        Input to bind
        <input className={`${inputClass} mt-0.5 font-mono`} list={`paths-${step.key}`} placeholder="/sql" value={inputPath} onChange={(e) => setInputPath(e.target.value)} />
        <datalist id={`paths-${step.key}`}>
          {fields.map((f) => (
            <option key={f.name} value={`/${f.name}`} />
          ))}
        </datalist>
      </label>
      <label>
        From step
        <select className={`${inputClass} mt-0.5`} value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">choose…</option>
          {candidates.map((c) => (
            <option key={c.key} value={c.key}>
              {c.key}
            </option>
          ))}
        </select>
      </label>
      <label>
        Output path
        <input className={`${inputClass} mt-0.5 font-mono`} placeholder="/rows" value={outputPath} onChange={(e) => setOutputPath(e.target.value)} />
      </label>
      <Button type="submit" className="col-span-2 justify-center" disabled={!valid}>
        <Link2 className="size-3" aria-hidden /> Bind
      </Button>
      {inputPath && getPointer(step.inputs, inputPath) !== undefined && (
        <p className="col-span-2 text-slate-500">The current value stays recorded, and comes back if you freeze it again.</p>
      )}
    </form>
  );
}

/** Why the step cannot run as it stands, and where that is fixed when it is set up elsewhere. */
function ProblemNote({ step }: { step: TStep }) {
  const problem = useEditor((s) => s.problems.get(step.key));
  const automationId = useEditor((s) => s.saved.id);
  if (!problem) return null;
  return (
    <section role="alert" aria-label="Problem" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
      <p className="flex items-start gap-1.5">
        <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>{problemInWords(problem)}</span>
      </p>
      <p className="mt-1 pl-5.5">
        <FixLink fix={problemFix(step, problem, automationId)} />
      </p>
    </section>
  );
}

function JsonInputs({ step, kind }: { step: TStep; kind: string | undefined }) {
  const { edit } = useEditorStore().getState();
  const text = useMemo(() => JSON.stringify(step.inputs, null, 2), [step.inputs]);
  // The problems of the stored inputs, unless the text typed since says otherwise (it may not
  // parse, and then the stored inputs stay as they were); a new kind or new inputs start over.
  const stored = useMemo(() => inputProblems(kind, step.inputs), [kind, step.inputs]);
  const [typed, setTyped] = useState<{ kind: string | undefined; inputs: TStep["inputs"]; problems: string[] } | null>(null);
  const problems = typed && typed.kind === kind && typed.inputs === step.inputs ? typed.problems : stored;
  const setProblems = (list: string[]) => setTyped({ kind, inputs: step.inputs, problems: list });
  return (
    <>
      <JsonEditor
        key={step.key}
        label={`Inputs of ${step.key} as JSON`}
        value={text}
        validate={(t) => {
          try {
            return inputProblems(kind, JSON.parse(t));
          } catch {
            return [];
          }
        }}
        onChange={(t) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(t);
          } catch (err) {
            setProblems([`Not valid JSON yet: ${err instanceof Error ? err.message : String(err)}`]);
            return;
          }
          if (!isPlainObject(parsed)) {
            setProblems(["Inputs must be a JSON object"]);
            return;
          }
          setProblems(inputProblems(kind, parsed));
          edit((d) => setInputs(d, step.key, parsed), `json:${step.key}`);
        }}
      />
      {problems.length > 0 && (
        <ul role="alert" aria-label="Input problems" className="mt-1 list-disc pl-5 text-xs text-red-700 dark:text-red-300">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What the crystallizer's suggested templates do, in one sentence for the review box. */
function suggestionSummary(templates: TTemplate[]): string {
  const kinds = new Set(templates.map((t) => t.inferred));
  const parts = [
    kinds.has("relative_date") && "dates roll with the calendar",
    kinds.has("value") && "ids and names inside text follow the run's values",
    kinds.has("pick") && "a list's element is found by what the user named, wherever it sits",
  ].filter(Boolean);
  return asSentence(parts.join("; "));
}
