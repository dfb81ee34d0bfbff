import { SourceDetail } from "@/components/history/source-detail";

export default async function ChatThreadPage({ params }: { params: Promise<{ thread_id: string }> }) {
  return <SourceDetail kind="chat_thread" id={(await params).thread_id} />;
}
