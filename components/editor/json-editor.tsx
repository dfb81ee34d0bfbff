"use client";
import { json, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useLayoutEffect, useRef } from "react";

type Props = {
  value: string;
  /** Called with the text on every edit. */
  onChange: (text: string) => void;
  /** Extra problems beyond JSON syntax (e.g. the action kind's schema), shown in the gutter. */
  validate?: (text: string) => string[];
  label: string;
};

const theme = EditorView.theme({
  "&": { backgroundColor: "transparent", color: "inherit", fontSize: "12px" },
  ".cm-gutters": { backgroundColor: "transparent", color: "#94a3b8", border: "none" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "rgba(99,102,241,0.08)" },
  "&.cm-focused": { outline: "2px solid #6366f1" },
  ".cm-content": { caretColor: "currentColor" },
});

/** CodeMirror 6 with JSON highlighting and linting as you type. */
export function JsonEditor({ value, onChange, validate, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, validate });
  // Set while text from outside is put in: that is not an edit to report back.
  const pushing = useRef(false);
  useLayoutEffect(() => {
    latest.current = { onChange, validate };
  });

  useEffect(() => {
    const parseLint = jsonParseLinter();
    const schemaLint = (v: EditorView): Diagnostic[] => {
      const syntax = parseLint(v);
      if (syntax.length) return syntax;
      return (latest.current.validate?.(v.state.doc.toString()) ?? []).map((message) => ({ from: 0, to: Math.min(v.state.doc.length, 1), severity: "error", message }));
    };
    view.current = new EditorView({
      parent: host.current!,
      doc: value,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(schemaLint, { delay: 150 }),
        theme,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !pushing.current) latest.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    return () => view.current?.destroy();
    // The view is created once; `value` changes are pushed in by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    // Only replace the text when it changed elsewhere (form, undo), not while the user types it.
    if (current === value || sameJson(current, value)) return;
    // A dispatch runs its update listeners at once, so the flag covers exactly this change.
    pushing.current = true;
    try {
      v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    } finally {
      pushing.current = false;
    }
  }, [value]);

  return <div ref={host} className="max-h-96 overflow-auto rounded-md border border-slate-300 dark:border-slate-700" />;
}

function sameJson(a: string, b: string) {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
