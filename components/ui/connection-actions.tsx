"use client";
import { Button } from "./ui";

/** A connection card's buttons (tool providers, data sources): test it, or delete it after asking. */
export function ConnectionActions({ testing, onTest, onDelete }: { testing: boolean; onTest: () => void; onDelete: () => void }) {
  return (
    <div className="flex shrink-0 gap-2">
      <Button onClick={onTest} disabled={testing}>
        {testing ? "Testing…" : "Test connection"}
      </Button>
      <Button variant="danger" onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}
