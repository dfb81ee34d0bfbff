import { SourceList } from "@/components/history/source-list";

export default function HistoryPage() {
  return <SourceList />;
}
