import { DataSourcesPage } from "@/components/data-sources/data-sources-page";
import { automationIdParam } from "@/lib/editor/problem-fix";

// ?add=1&name=<name> opens the add form for the data source a blocked SQL step names (the editor
// links here, with &from=<automation id> for the way back).
export default async function Page({ searchParams }: { searchParams: Promise<{ add?: string; name?: string; from?: string }> }) {
  const q = await searchParams;
  const name = typeof q.name === "string" && q.name.trim() ? q.name.trim().slice(0, 100) : undefined;
  return <DataSourcesPage openAdd={q.add === "1" || !!name} name={name} from={automationIdParam(q.from)} />;
}
