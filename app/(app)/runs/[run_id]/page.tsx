import { RunView } from "@/components/runs/run-view";

export default async function RunPage({ params }: { params: Promise<{ run_id: string }> }) {
  return <RunView id={(await params).run_id} />;
}
