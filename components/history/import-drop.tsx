"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import Link from "next/link";
import { useState, type DragEvent, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { cx, ErrorAlert, inputClass } from "../ui/ui";

type Report = { format: string; detected: boolean; messages: number; tool_calls: number; skipped: { where: string; reason: string; count: number }[] };

const FORMATS: [string, string][] = [
  ["", "Detect format"],
  ["openai-chat", "OpenAI Chat Completions"],
  ["openai-responses", "OpenAI Responses"],
  ["anthropic-messages", "Anthropic Messages"],
  ["vercel-ai", "Vercel AI SDK"],
  ["langsmith", "LangChain / LangSmith"],
  ["openai-agents", "OpenAI Agents SDK"],
  ["jsonl-session", "Session log (JSONL)"],
  ["mcp", "MCP tools/call log"],
  ["otlp", "OTLP/JSON traces"],
];

/**
 * Drop a vendor file anywhere on the wrapped area (or pick one) to import it as an agent run.
 * The report says what was read and what was skipped; a bad file shows the line or field at fault.
 */
export function ImportDrop({ children }: { children: ReactNode }) {
  const [format, setFormat] = useState("");
  const [dragging, setDragging] = useState(false);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const transcript = await file.text();
      return api<{ run: { id: string }; report: Report }>("/api/v1/agents/runs/import", {
        method: "POST",
        json: { transcript, ...(format && { format }) },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["sources"] }),
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) upload.mutate(file);
  };

  return (
    <div
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      className={cx("relative rounded-lg", dragging && "outline-2 outline-offset-4 outline-indigo-500 outline-dashed")}
    >
      <section aria-label="Import a run" className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700">
        <Upload className="size-4 text-slate-500" aria-hidden />
        <span className="text-slate-600 dark:text-slate-400">Drop an agent log here, or</span>
        <label className="cursor-pointer font-medium text-indigo-700 underline dark:text-indigo-300">
          choose a file
          <input
            type="file"
            className="sr-only"
            accept=".json,.jsonl,.ndjson,.txt,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = "";
            }}
          />
        </label>
        <label className="ml-auto">
          <span className="sr-only">File format</span>
          <select className={inputClass} value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {upload.isPending && <span role="status">Importing…</span>}
      </section>
      <ErrorAlert error={upload.error} />
      {upload.data && <ImportReport runId={upload.data.run.id} report={upload.data.report} />}
      {children}
    </div>
  );
}

function ImportReport({ runId, report }: { runId: string; report: Report }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950">
      <p>
        Imported {report.tool_calls} tool calls and {report.messages} messages as <strong>{report.format}</strong>
        {report.detected && " (detected)"}.{" "}
        <Link href={`/history/runs/${runId}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Open the run
        </Link>
      </p>
      {report.skipped.length > 0 && (
        <details className="mt-1">
          <summary>{report.skipped.reduce((n, s) => n + s.count, 0)} records skipped</summary>
          <ul className="mt-1 list-disc pl-5">
            {report.skipped.map((s) => (
              <li key={s.reason}>
                {s.reason} <span className="text-slate-500">({s.where})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
