import { ToolProvidersPage } from "@/components/tool-providers/tool-providers-page";
import { BUILTIN_SERVERS } from "@/lib/engine/executors/builtin-servers";
import { automationIdParam } from "@/lib/editor/problem-fix";
import { stdioPolicy } from "@/lib/security/stdio-policy";

// ?add=1&tool=<name> opens the add form for the tool a blocked automation needs (the editor links
// here, with &from=<automation id> for the way back).
// The server's stdio policy is read here, per request, so the form can say it before anything is sent.
export default async function Page({ searchParams }: { searchParams: Promise<{ add?: string; tool?: string; from?: string }> }) {
  const q = await searchParams;
  const tool = typeof q.tool === "string" && q.tool.trim() ? q.tool.trim().slice(0, 200) : undefined;
  return <ToolProvidersPage openAdd={q.add === "1" || !!tool} addFor={tool} from={automationIdParam(q.from)} stdio={stdioPolicy()} builtinServers={[...BUILTIN_SERVERS]} />;
}
