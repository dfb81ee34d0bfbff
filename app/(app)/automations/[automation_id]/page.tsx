import { AutomationEditor } from "@/components/editor/editor";

export default async function AutomationPage({ params }: { params: Promise<{ automation_id: string }> }) {
  return <AutomationEditor id={(await params).automation_id} />;
}
