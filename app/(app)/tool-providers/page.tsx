import { ToolProvidersPage } from "@/components/tool-providers/tool-providers-page";

// ?add=1&tool=<name> opens the add form for the tool a blocked automation needs (the editor links here).
export default async function Page({ searchParams }: { searchParams: Promise<{ add?: string; tool?: string }> }) {
  const q = await searchParams;
  const tool = typeof q.tool === "string" && q.tool.trim() ? q.tool.trim().slice(0, 200) : undefined;
  return <ToolProvidersPage openAdd={q.add === "1" || !!tool} addFor={tool} />;
}
