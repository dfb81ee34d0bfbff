"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import Link from "next/link";
import { useState, type DragEvent, type ReactNode } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import type { AgentRun, ImportReport as Report } from "@/lib/client/types";
import { sourceKeys } from "@/lib/queries/sources";
import { Button, cx, ErrorAlert, inputClass } from "../ui/ui";

/** The earlier import a 409 names, when the same file is dropped again. */
function earlierImport(error: unknown): { id: string; url: string } | null {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return null;
  const existing = error.details.existing as { id?: unknown; url?: unknown } | undefined;
  return typeof existing?.id === "string" && typeof existing.url === "string" ? { id: existing.id, url: existing.url } : null;
}

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
 * A file imported already is not imported twice unless asked to ("Import again").
 */
export function ImportDrop({ children }: { children: ReactNode }) {
  const [format, setFormat] = useState("");
  const [dragging, setDragging] = useState(false);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async ({ file, again = false }: { file: File; again?: boolean }) => {
      const transcript = await file.text();
      return api<{ run: AgentRun; report: Report }>(`/api/v1/agents/runs/import${again ? "?duplicate=allow" : ""}`, {
        method: "POST",
        json: { transcript, ...(format && { format }) },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sourceKeys.lists() }),
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) upload.mutate({ file });
  };
  const earlier = earlierImport(upload.error);

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
              if (file) upload.mutate({ file });
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
      {earlier && upload.variables ? (
        <AlreadyImported earlier={earlier} onImportAgain={() => upload.mutate({ file: upload.variables!.file, again: true })} />
      ) : (
        <ErrorAlert error={upload.error} />
      )}
      {upload.data && <ImportReport runId={upload.data.run.id} report={upload.data.report} />}
      {children}
    </div>
  );
}

function AlreadyImported({ earlier, onImportAgain }: { earlier: { id: string; url: string }; onImportAgain: () => void }) {
  return (
    <div role="alert" className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950">
      <p>
        This file was imported already, as{" "}
        <Link href={earlier.url} className="font-medium text-indigo-700 underline dark:text-indigo-300">
          {earlier.id}
        </Link>
        .
      </p>
      <Button onClick={onImportAgain}>Import again</Button>
    </div>
  );
}

function ImportReport({ runId, report }: { runId: string; report: Report }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950">
      <p>
        Imported {report.tool_calls} tool calls and {report.messages} messages as <strong>{report.format}</strong>
        {report.detected && " (detected)"}.{" "}
        {report.repeated_call_ids > 0 && `${report.repeated_call_ids} calls reused the id of an earlier call; each result went to the latest call of its id still waiting for one. `}
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
