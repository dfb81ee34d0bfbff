"use client";
// The automation's parameters: what a run's input may name. Edits change the draft like any other
// edit (undo, Save); a rename follows the parameter into every step that uses it.
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ZStepKey, type TParameter } from "@/lib/automations/schemas";
import { addParameter, freshParameterName, removeParameter, updateParameter, usesOf } from "@/lib/editor/parameters";
import { Dialog } from "../ui/dialog";
import { Button, inputClass } from "../ui/ui";
import { useEditor, useEditorStore } from "./store/editor-context";

type Props = { open: boolean; onClose: () => void; onSelectStep: (key: string) => void };

const TYPES = ["string", "number", "boolean", "json"] as const;

/** The default as typed, read as the parameter's type; undefined when blank, an error text when it does not fit. */
function readDefault(type: TParameter["type"], text: string): { value: unknown } | { problem: string } {
  if (text === "") return { value: undefined };
  if (type === "string") return { value: text };
  if (type === "number") return Number.isFinite(Number(text)) ? { value: Number(text) } : { problem: "not a number" };
  if (type === "boolean") return text === "true" || text === "false" ? { value: text === "true" } : { problem: "true or false" };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: "not JSON" };
  }
}
const showDefault = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

export function ParametersDialog({ open, onClose, onSelectStep }: Props) {
  const { edit } = useEditorStore().getState();
  const parameters = useEditor((s) => s.def.parameters);
  return (
    <Dialog open={open} onClose={onClose} title="Parameters" wide>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        A run&apos;s input may name these and nothing else: an unknown key, a wrong type or a missing required value is refused, on every trigger. Changes are part of your unsaved edits.
      </p>
      {parameters.length === 0 ? (
        <p className="mb-3 text-sm">This automation takes no parameters yet.</p>
      ) : (
        <table className="mb-3 w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="pb-1 font-medium">Name</th>
              <th className="pb-1 font-medium">Type</th>
              <th className="pb-1 font-medium">Default</th>
              <th className="pb-1 font-medium">Required</th>
              <th className="pb-1 font-medium">Description</th>
              <th className="pb-1 font-medium">Used by</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <ParameterRow key={p.name} parameter={p} onSelectStep={onSelectStep} />
            ))}
          </tbody>
        </table>
      )}
      <Button onClick={() => edit((d) => addParameter(d, { name: freshParameterName(d), type: "string" }))}>
        <Plus className="size-4" aria-hidden /> Add parameter
      </Button>
    </Dialog>
  );
}

function ParameterRow({ parameter: p, onSelectStep }: { parameter: TParameter; onSelectStep: Props["onSelectStep"] }) {
  const { edit } = useEditorStore().getState();
  const def = useEditor((s) => s.def);
  // Typed text is kept here until it is a valid, free name or a default that fits the type.
  const [name, setName] = useState(p.name);
  const [dflt, setDflt] = useState(showDefault(p.default));
  const nameProblem = name === p.name ? null : !ZStepKey.safeParse(name).success ? "a-z, 0-9 and _, starting with a letter" : def.parameters.some((o) => o.name === name) ? "already taken" : name === "now" ? "reserved" : null;
  const read = readDefault(p.type, dflt);
  const uses = usesOf(def, p.name);
  const inTemplates = uses.some((u) => u.via === "template");
  return (
    <tr className="border-t border-slate-200 align-top dark:border-slate-800" data-testid={`parameter-${p.name}`}>
      <td className="py-1.5 pr-2">
        <input
          aria-label="Parameter name"
          className={`${inputClass} font-mono`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          // Renamed on leaving the field, once the name is valid: every use follows it.
          onBlur={() => {
            if (name !== p.name && !nameProblem) edit((d) => updateParameter(d, p.name, { name }));
          }}
          onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
        />
        {nameProblem && <p className="mt-0.5 text-xs text-red-700 dark:text-red-300">{nameProblem}</p>}
      </td>
      <td className="py-1.5 pr-2">
        <select aria-label="Parameter type" className={inputClass} value={p.type} onChange={(e) => {
            // A default of the old type would not fit the new one.
            setDflt("");
            const type = TYPES.find((t) => t === e.target.value);
            if (type) edit((d) => updateParameter(d, p.name, { type, default: undefined }));
          }}
        >
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </td>
      <td className="py-1.5 pr-2">
        <input
          aria-label="Parameter default"
          className={`${inputClass} font-mono`}
          value={dflt}
          placeholder="none"
          onChange={(e) => {
            setDflt(e.target.value);
            const r = readDefault(p.type, e.target.value);
            if ("value" in r) edit((d) => updateParameter(d, p.name, { default: r.value }), `param-default:${p.name}`);
          }}
        />
        {"problem" in read && <p className="mt-0.5 text-xs text-red-700 dark:text-red-300">{read.problem}</p>}
      </td>
      <td className="py-1.5 pr-2 text-center">
        <input type="checkbox" aria-label="Required" checked={p.required === true} onChange={(e) => edit((d) => updateParameter(d, p.name, { required: e.target.checked || undefined }))} />
      </td>
      <td className="py-1.5 pr-2">
        <input aria-label="Parameter description" className={inputClass} value={p.description ?? ""} onChange={(e) => edit((d) => updateParameter(d, p.name, { description: e.target.value || undefined }), `param-desc:${p.name}`)} />
      </td>
      <td className="py-1.5 pr-2 text-xs">
        {uses.length === 0 ? (
          <span className="text-slate-500">not used yet</span>
        ) : (
          <ul>
            {uses.map((u) => (
              <li key={`${u.step}${u.input_path}${u.via}`}>
                <button type="button" className="font-mono text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => onSelectStep(u.step)}>
                  {u.step}
                  {u.input_path}
                </button>
                {u.via === "template" && <span className="text-slate-500"> (template)</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="py-1.5">
        <Button
          variant="ghost"
          aria-label={`Delete parameter ${p.name}`}
          disabled={inTemplates}
          title={inTemplates ? "A template names it: edit the template first" : "Delete: the inputs it fed keep their frozen values"}
          onClick={() => edit((d) => removeParameter(d, p.name))}
        >
          <Trash2 className="size-4" aria-hidden />
        </Button>
      </td>
    </tr>
  );
}
