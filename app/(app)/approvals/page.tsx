import { ApprovalsInbox } from "@/components/runs/approvals-inbox";

export default function ApprovalsPage() {
  return <ApprovalsInbox />;
}
