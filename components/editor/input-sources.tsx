"use client";
// How a step input gets its value when it is not frozen: from a parameter, or from a template
// (text with {{ … }} holes, relative dates among them). Each says so with a badge and can be
// frozen back to the recorded value in one click.
import { CalendarClock, Braces, SlidersHorizontal, Snowflake } from "lucide-react";
import { useId, useMemo, useState } from "react";
import type { TStep, TTemplate } from "@/lib/automations/schemas";
import { feedFromParameter } from "@/lib/editor/parameters";
import { freezeTemplate, setTemplate, viewTemplate } from "@/lib/editor/templates";
import { getPointer } from "@/lib/editor/graph";
import { sqlInputMode } from "@/lib/templates/sql-input-mode";
import { Button, formatTime, inputClass } from "../ui/ui";
import { useEditor, useEditorStore } from "./store/editor-context";

/** When the preview is for: the next scheduled fire, or now when nothing is scheduled. */
export type PreviewAt = { at: Date; label: string };

const freezeButton = "rounded-full p-0.5 hover:bg-black/10 dark:hover:bg-white/10";

export function ParameterChip({ step, inputPath }: { step: TStep; inputPath: string }) {
  const { edit } = useEditorStore().getState();
  const ref = step.parameter_refs.find((r) => r.input_path === inputPath)!;
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2 font-mono text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-100" data-testid="parameter-chip">
      <SlidersHorizontal className="size-3 shrink-0" aria-hidden />
      <span className="truncate">
        {inputPath} ← parameter {ref.parameter}
      </span>
      <button type="button" className={freezeButton} aria-label={`Freeze ${inputPath} instead of reading parameter ${ref.parameter}`} title="Freeze: keep the value in the inputs" onClick={() => edit((d) => feedFromParameter(d, step.key, inputPath, null))}>
        <Snowflake className="size-3" aria-hidden />
      </button>
    </span>
  );
}

/** A templated input: its badge, the template (editable), and recorded → next-run preview. */
export function TemplateField({ step, template, previewAt }: { step: TStep; template: TTemplate; previewAt: PreviewAt }) {
  const { edit } = useEditorStore().getState();
  const def = useEditor((s) => s.def);
  const id = useId();
  const sql = sqlInputMode({ kind: step.action_kind ?? "", path: template.input_path, template: template.template });
  const view = useMemo(() => viewTemplate(template, { def, at: previewAt.at, sql }), [template, def, previewAt.at, sql]);
  const dates = view.holes.filter((h) => h.relation);
  const Icon = dates.length ? CalendarClock : Braces;
  const recorded = template.recorded_value ?? getPointer(step.inputs, template.input_path);
  return (
    <div className="rounded-md border border-violet-200 bg-violet-50/60 p-2 text-sm dark:border-violet-900 dark:bg-violet-950/40" data-testid="template-field">
      <div className="mb-1 flex items-center gap-2">
        <label htmlFor={id} className="font-mono text-xs">
          {template.input_path.slice(1)}
        </label>
        <span className="inline-flex items-center gap-1 rounded-full bg-violet-200 px-2 py-0.5 text-xs font-medium text-violet-900 dark:bg-violet-900 dark:text-violet-100">
          <Icon className="size-3" aria-hidden /> {dates.length ? (dates.length === 1 ? "Relative date" : `${dates.length} relative dates`) : "Template"}
          {template.inferred && " · suggested"}
        </span>
        <Button variant="ghost" className="ml-auto !px-1.5 !py-0.5 text-xs" onClick={() => edit((d) => freezeTemplate(d, step.key, template.input_path))} aria-label={`Freeze ${template.input_path} to its recorded value`}>
          <Snowflake className="size-3" aria-hidden /> Freeze
        </Button>
      </div>
      {dates.length > 0 && (
        <ul className="mb-1 text-xs text-violet-900 dark:text-violet-200" data-testid="relative-dates">
          {dates.map((d, i) => (
            <li key={i}>
              {d.relation} <span className="text-slate-500">→</span> <span className="font-mono">{d.value}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        id={id}
        rows={Math.min(10, Math.max(3, template.template.split("\n").length, Math.ceil(template.template.length / 48)))}
        className={`${inputClass} font-mono text-xs`}
        value={template.template}
        onChange={(e) => edit((d) => setTemplate(d, step.key, template.input_path, e.target.value), `template:${step.key}:${template.input_path}`)}
      />
      <dl className="mt-1 space-y-1 text-xs">
        <div>
          <dt className="text-slate-500">Recorded</dt>
          <dd className="max-h-24 overflow-y-auto font-mono break-all whitespace-pre-wrap">{typeof recorded === "string" ? recorded : JSON.stringify(recorded)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{previewAt.label}</dt>
          <dd className="max-h-24 overflow-y-auto font-mono break-all whitespace-pre-wrap" data-testid="template-preview">
            {view.preview ?? "the template does not parse"}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Feeds an input from a parameter, or gives it a template. */
export function InputSourceForm({ step, paths }: { step: TStep; paths: string[] }) {
  const { edit } = useEditorStore().getState();
  const parameters = useEditor((s) => s.def.parameters);
  const [path, setPath] = useState("");
  const [parameter, setParameter] = useState("");
  const valid = /^(\/[^/]*)+$/.test(path);
  const listId = `source-paths-${step.key}`;
  return (
    <form
      className="mt-2 grid grid-cols-2 gap-1.5 text-xs"
      aria-label="Feed an input"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        if (parameter === "{{template}}") {
          const current = getPointer(step.inputs, path);
          edit((d) => setTemplate(d, step.key, path, typeof current === "string" && current ? current : "{{ }}"));
        } else if (parameter) edit((d) => feedFromParameter(d, step.key, path, parameter));
        setPath("");
      }}
    >
      <label>
        Input
        <input className={`${inputClass} mt-0.5 font-mono`} list={listId} placeholder="/to" value={path} onChange={(e) => setPath(e.target.value)} />
        <datalist id={listId}>
          {paths.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <label>
        From
        <select className={`${inputClass} mt-0.5`} value={parameter} onChange={(e) => setParameter(e.target.value)}>
          <option value="">choose…</option>
          <option value="{{template}}">a template ({"{{ … }}"})</option>
          {parameters.map((p) => (
            <option key={p.name} value={p.name}>
              parameter {p.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" className="col-span-2 justify-center" disabled={!valid || !parameter}>
        Use it
      </Button>
    </form>
  );
}

export const nowPreview = (): PreviewAt => ({ at: new Date(), label: "Now" });
export const schedulePreview = (iso: string): PreviewAt => ({ at: new Date(iso), label: `Next run (${formatTime(iso)})` });
