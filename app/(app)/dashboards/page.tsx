import { DashboardList } from "@/components/flashboards/dashboard-list";

export default function DashboardsPage() {
  return <DashboardList />;
}
