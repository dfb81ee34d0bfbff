"use client";
import { useState } from "react";
import { cx } from "./ui";

// Collapsible, syntax-highlighted JSON. Large values start collapsed, so a big result does not
// swamp the timeline; rendering is lazy per level.

const LONG = 12;
const INLINE_CHARS = 60;

/** A small flat value reads better on its line than as "2 keys": e.g. a field's `"type": "string"`. */
function inlineText(value: object, entries: readonly (readonly [string, unknown])[]): string | null {
  if (entries.length === 0 || entries.some(([, v]) => v !== null && typeof v === "object")) return null;
  const text = Array.isArray(value) ? entries.map(([, v]) => JSON.stringify(v)).join(", ") : entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ");
  return text.length <= INLINE_CHARS ? text : null;
}

/** Which nodes start open, by their key (undefined for array items) and depth; the default is by size. */
type StartOpen = (name: string | undefined, depth: number) => boolean;

/** `highlight`: JSON Pointers of values to mark (e.g. what a dry run found changed); their parents start open. */
export function JsonView({ value, label, defaultOpen, startOpen, highlight }: { value: unknown; label?: string; defaultOpen?: boolean; startOpen?: StartOpen; highlight?: ReadonlySet<string> }) {
  return (
    <div className="overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-xs leading-5 dark:bg-slate-900">
      <Node value={value} name={label} depth={0} defaultOpen={defaultOpen} startOpen={startOpen} path="" highlight={highlight} />
    </div>
  );
}

const HIGHLIGHT = "rounded-sm bg-amber-200/70 outline outline-1 outline-amber-500 dark:bg-amber-700/40";
const pointerToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function Node({ value, name, depth, defaultOpen, startOpen, path, highlight }: { value: unknown; name?: string; depth: number; defaultOpen?: boolean; startOpen?: StartOpen; path: string; highlight?: ReadonlySet<string> }) {
  const isObj = value !== null && typeof value === "object";
  const entries = isObj ? (Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object)) : [];
  const marked = highlight?.has(path) ?? false;
  const holdsMarked = highlight !== undefined && [...highlight].some((p) => p.startsWith(`${path}/`));
  const [open, setOpen] = useState(holdsMarked || (defaultOpen ?? (startOpen ? startOpen(name, depth) : depth < 2 && entries.length <= LONG)));
  const key = name !== undefined && <span className="text-violet-700 dark:text-violet-300">{JSON.stringify(name)}: </span>;
  if (!isObj)
    return (
      <div style={{ paddingLeft: depth ? 14 : 0 }} data-changed={marked ? "" : undefined}>
        <span className={cx(marked && HIGHLIGHT)}>
          {key}
          <Scalar value={value} />
        </span>
      </div>
    );
  const [l, r] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <div style={{ paddingLeft: depth ? 14 : 0 }} data-changed={marked ? "" : undefined} className={cx(marked && HIGHLIGHT)}>
      <button type="button" className="text-left hover:underline" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden className="inline-block w-3 text-slate-400">{open ? "▾" : "▸"}</span>
        {key}
        {l}
        {!open && <span className="text-slate-500"> {inlineText(value, entries) ?? `${entries.length} ${Array.isArray(value) ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}`} {r}</span>}
      </button>
      {open && (
        <>
          {entries.map(([k, v]) => (
            <Node key={k} name={Array.isArray(value) ? undefined : k} value={v} depth={depth + 1} startOpen={startOpen} path={`${path}/${pointerToken(k)}`} highlight={highlight} />
          ))}
          <div>{r}</div>
        </>
      )}
    </div>
  );
}

/** A string that is a web address (or a page of this app): only http(s), never `javascript:` from a tool's output. */
function linkOf(text: string): string | null {
  // A file path (`/srv/exports/…`) is no page of this app: only the app's own pages are.
  if (/^\/(dashboards|flashboards|runs|automations|approvals|history)\/[^\s/]+$/.test(text)) return text;
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return null;
  try {
    return new URL(text).href;
  } catch {
    return null;
  }
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string") {
    const href = value.length < 2_000 ? linkOf(value) : null;
    const text = <span className="whitespace-pre-wrap break-all text-emerald-700 dark:text-emerald-300">{JSON.stringify(value)}</span>;
    if (!href) return text;
    const external = !href.startsWith("/");
    return (
      <a href={href} className="underline decoration-emerald-400 hover:decoration-2" {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}>
        {text}
      </a>
    );
  }
  if (typeof value === "number") return <span className="text-sky-700 dark:text-sky-300">{value}</span>;
  if (typeof value === "boolean") return <span className="text-amber-700 dark:text-amber-300">{String(value)}</span>;
  return <span className="text-slate-500">{value === undefined ? "undefined" : "null"}</span>;
}
