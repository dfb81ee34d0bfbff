"use client";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { resolveRefs } from "@/lib/client/resolve-refs";
import type { OpenApiOperation as Operation } from "@/lib/client/types";
import { openApiQuery } from "@/lib/queries/openapi";
import { JsonView } from "../ui/json-view";
import { cx, ErrorAlert, inputClass, Loading, PageHeader } from "../ui/ui";

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  delete: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

/** The API reference, rendered from /api/v1/openapi.json: every operation, grouped by area. */
export function ApiReference() {
  const doc = useQuery(openApiQuery());
  const [q, setQ] = useState("");
  const search = useDeferredValue(q.trim().toLowerCase());
  if (doc.isPending) return <Loading />;
  if (doc.error) return <ErrorAlert error={doc.error} />;

  const ops = Object.entries(doc.data.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const shown = ops.filter(({ path, method, op }) => !search || `${method} ${path} ${op.summary}`.toLowerCase().includes(search));
  const tags = [...new Set(shown.map((o) => o.op.tags[0] ?? "api"))];
  return (
    <>
      <PageHeader title="API reference">
        <a href="/api/v1/openapi.json" className="text-sm text-indigo-700 underline dark:text-indigo-300">
          openapi.json
        </a>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{doc.data.info.description}</p>
      <label className="mb-4 block max-w-md">
        <span className="sr-only">Filter operations</span>
        <input className={inputClass} placeholder={`Filter ${ops.length} operations`} value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="mb-6">
          <h2 id={`tag-${tag}`} className="mb-2 text-sm font-semibold tracking-wide text-slate-500 uppercase">
            {tag}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {shown
              .filter((o) => (o.op.tags[0] ?? "api") === tag)
              .map(({ path, method, op }) => (
                <li key={method + path}>
                  <details>
                    <summary className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm">
                      <span className={cx("w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase", METHOD_STYLE[method])}>{method}</span>
                      <code className="font-mono">{path}</code>
                      <span className="text-slate-600 dark:text-slate-400">{op.summary}</span>
                      {op.security?.length === 0 && <span className="ml-auto text-xs text-slate-500">no key</span>}
                    </summary>
                    <OperationDetail op={op} components={doc.data.components?.schemas ?? {}} />
                  </details>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

// A schema opens down to its field names; each field's own schema waits for a click.
const SCHEMA_PARTS = new Set(["properties", "items", "anyOf", "oneOf", "allOf"]);
const schemaStartOpen = (name: string | undefined, depth: number) => depth === 0 || name === undefined || SCHEMA_PARTS.has(name);

/** A body's JSON Schema with the components it names filled in, so its fields show. */
function SchemaView({ schema, components }: { schema: unknown; components: Record<string, unknown> }) {
  return <JsonView value={resolveRefs(schema, components)} startOpen={schemaStartOpen} />;
}

function OperationDetail({ op, components }: { op: Operation; components: Record<string, unknown> }) {
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <div className="space-y-3 border-t border-slate-200 px-3 py-3 text-sm dark:border-slate-800">
      {op.parameters.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="font-medium">Parameter</th>
              <th scope="col" className="font-medium">In</th>
              <th scope="col" className="font-medium">Type</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={p.in + p.name}>
                <td className="font-mono">
                  {p.name}
                  {p.required && <span className="text-red-600"> *</span>}
                </td>
                <td>{p.in}</td>
                <td className="font-mono">{p.schema.enum ? p.schema.enum.join(" | ") : (p.schema.type ?? "any")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body !== undefined && (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-500">Request body (JSON Schema)</h3>
          <SchemaView schema={body} components={components} />
        </div>
      )}
      {Object.entries(op.responses).map(([status, r]) => (
        <div key={status}>
          <h3 className="mb-1 text-xs font-semibold text-slate-500">
            {status} · {r.description}
          </h3>
          {r.content?.["application/json"] && <SchemaView schema={r.content["application/json"].schema} components={components} />}
        </div>
      ))}
    </div>
  );
}
