"use client";
import { type FormEvent } from "react";
import { Dialog } from "../../ui/dialog";
import { Button, ErrorAlert, inputClass } from "../../ui/ui";
import type { DialogProps } from "./dialog-props";

export function SaveDialog({ open, onClose, onSave, saving, error }: DialogProps & { onSave: (message: string) => void; saving: boolean; error: unknown }) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSave(String(new FormData(e.currentTarget).get("message") || "Edited in the editor"));
  }
  return (
    <Dialog open={open} onClose={onClose} title="Save a new version">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm">
          What changed?
          <input name="message" className={`${inputClass} mt-1`} placeholder="e.g. Limit the revenue query to paid orders" maxLength={1000} autoFocus />
        </label>
        <ErrorAlert error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? "Saving…" : "Save version"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
