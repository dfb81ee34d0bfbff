import { FlashboardView } from "@/components/flashboards/flashboard-view";

export default async function FlashboardPage({ params }: { params: Promise<{ flashboard_id: string }> }) {
  const { flashboard_id } = await params;
  return <FlashboardView id={flashboard_id} />;
}
