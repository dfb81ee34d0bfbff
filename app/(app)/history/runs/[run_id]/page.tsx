import { SourceDetail } from "@/components/history/source-detail";

export default async function AgentRunPage({ params }: { params: Promise<{ run_id: string }> }) {
  return <SourceDetail kind="agent_run" id={(await params).run_id} />;
}
