import { AutomationList } from "@/components/automations/automation-list";

export default function AutomationsPage() {
  return <AutomationList />;
}
