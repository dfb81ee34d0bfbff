import { Suspense } from "react";
import { RunList } from "@/components/runs/run-list";

export default function RunsPage() {
  return (
    <Suspense>
      <RunList />
    </Suspense>
  );
}
