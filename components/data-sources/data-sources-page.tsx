"use client";
import { ConnectionActions } from "../ui/connection-actions";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { apiFieldError, fieldErrors, ZDataSourceForm, type DataSourceFormFields } from "@/lib/client/connection-forms";
import type { DataSource, DataSourceTest } from "@/lib/client/types";
import { automationKeys } from "@/lib/queries/automations";
import { dataSourceKeys, dataSourceListQuery } from "@/lib/queries/data-sources";
import { meQuery } from "@/lib/queries/workspaces";
import { BackToAutomation } from "../ui/back-to-automation";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";
import { Button, EmptyState, ErrorAlert, formatTime, inputClass, Loading, PageHeader } from "../ui/ui";

const FIELDS = ["name", "connection_string"] as const;
const invalid = "aria-[invalid=true]:border-red-500 dark:aria-[invalid=true]:border-red-500";

/**
 * The PostgreSQL databases SQL steps may query: add one, test it (its tables), delete it. `name`
 * (from ?add=1&name=…) opens the add form for the source a blocked step names; `from` links back.
 */
export function DataSourcesPage({ openAdd = false, name, from }: { openAdd?: boolean; name?: string; from?: string }) {
  const router = useRouter();
  const list = useQuery(dataSourceListQuery());
  const me = useQuery(meQuery());
  const canManage = me.data ? me.data.actor.role !== "member" : false;
  const [adding, setAdding] = useState(openAdd);
  const [added, setAdded] = useState<string | null>(null);
  const sources = list.data?.data ?? [];
  // A reload must not open the form again.
  const leaveForm = () => {
    setAdding(false);
    if (openAdd) router.replace("/data-sources", { scroll: false });
  };
  return (
    <>
      <BackToAutomation from={from} />
      <PageHeader title="Data sources">
        {canManage && !adding && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add data source
          </Button>
        )}
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        SQL steps name a data source in <code>inputs.data_source</code> and run read-only against it. <code>demo_warehouse</code> is built in and needs no setup.
      </p>
      {adding && canManage && (
        <AddDataSourceForm
          initialName={name}
          onCancel={leaveForm}
          onAdded={(d) => {
            leaveForm();
            setAdded(d.name);
          }}
        />
      )}
      {adding && !canManage && me.data && <ErrorAlert error="Adding a data source needs the owner or admin role in this workspace." />}
      {added && (
        <div role="status" className="mb-4 flex max-w-3xl flex-wrap items-center justify-between gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          <span>
            Added <code className="font-mono">{added}</code>: SQL steps that name it can run.
          </span>
          <Button variant="ghost" onClick={() => setAdded(null)}>
            Dismiss
          </Button>
        </div>
      )}
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : sources.length === 0 ? (
        <div className="max-w-5xl">
          <EmptyState title="No data sources yet">Add a PostgreSQL database so that SQL steps can query it.</EmptyState>
        </div>
      ) : (
        <ul className="max-w-5xl space-y-3">
          {sources.map((d) => (
            <DataSourceCard key={d.id} source={d} canManage={canManage} />
          ))}
        </ul>
      )}
    </>
  );
}

function AddDataSourceForm({ initialName, onCancel, onAdded }: { initialName?: string; onCancel: () => void; onAdded: (d: DataSource) => void }) {
  const qc = useQueryClient();
  const [fields, setFields] = useState<DataSourceFormFields>({ name: initialName ?? "", connection_string: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => api<DataSource>("/api/v1/data-sources", { method: "POST", json: body }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: dataSourceKeys.all });
      void qc.invalidateQueries({ queryKey: automationKeys.all });
      onAdded(d);
    },
    onError: (err) => {
      const e = err instanceof ApiRequestError ? apiFieldError(err, FIELDS) : { field: null, message: err.message };
      if (e.field) setErrors({ [e.field]: e.message });
      else setFormError(e.message);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = ZDataSourceForm.safeParse(fields);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data);
  }
  const set = (k: keyof DataSourceFormFields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form onSubmit={submit} noValidate aria-label="Add a data source" className="mb-6 max-w-2xl space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 className="text-base font-semibold">Add a data source</h2>
      <Field label="Name" error={errors.name} hint="SQL steps refer to it by this name.">
        {(p) => <input {...p} className={`${inputClass} ${invalid}`} value={fields.name} onChange={set("name")} placeholder="e.g. analytics" maxLength={100} />}
      </Field>
      <Field
        label="Connection string"
        error={errors.connection_string}
        hint="Checked by connecting before it is saved, then stored sealed and never shown again. Use a role that can only read what steps need."
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} ${invalid} font-mono`}
            value={fields.connection_string}
            onChange={set("connection_string")}
            placeholder="postgres://reader:password@db.example.com:5432/analytics"
          />
        )}
      </Field>
      <ErrorAlert error={formError} />
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Checking…" : "Check and add"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DataSourceCard({ source: d, canManage }: { source: DataSource; canManage: boolean }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const test = useMutation({ mutationFn: () => api<DataSourceTest>(`/api/v1/data-sources/${d.id}/test`, { method: "POST", json: {} }) });
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/data-sources/${d.id}`, { method: "DELETE" }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: dataSourceKeys.all }), qc.invalidateQueries({ queryKey: automationKeys.all })]),
  });
  return (
    <li aria-label={`Data source ${d.name}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900/40">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="text-base font-semibold">{d.name}</h2>
          <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{d.host ?? "address hidden"}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">Added {formatTime(d.created_at)} · connection string sealed</p>
        </div>
        {canManage && (
          <ConnectionActions testing={test.isPending} onTest={() => test.mutate()} onDelete={() => setConfirming(true)} />
        )}
      </div>
      <div className="mt-2">
        <ErrorAlert error={test.error ?? remove.error} />
      </div>
      {test.data && (
        <div role="status" className="mt-2">
          <p className="text-emerald-700 dark:text-emerald-400">
            Connected: it sees {test.data.tables.length}
            {test.data.truncated ? "+" : ""} table{test.data.tables.length === 1 ? "" : "s"}.
          </p>
          {test.data.tables.length > 0 && (
            <ul aria-label={`Tables of ${d.name}`} className="mt-1 grid gap-x-6 gap-y-0.5 font-mono text-xs sm:grid-cols-3">
              {test.data.tables.map((t) => (
                <li key={`${t.schema}.${t.name}`}>
                  {t.schema}.{t.name}
                  {t.view && <span className="font-sans text-slate-500"> (view)</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete ${d.name}?`}>
        <p className="text-sm">SQL steps that use it will fail, and automations with them cannot be switched on until it is added again.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
            Delete data source
          </Button>
        </div>
      </Dialog>
    </li>
  );
}
