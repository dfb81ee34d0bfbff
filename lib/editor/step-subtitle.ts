import type { TStep } from "../automations/schemas";

/** Past this, a subtitle is cut: a node is 240 px wide and shows one line of it. */
const MAX = 80;

const firstLine = (text: unknown) => (typeof text === "string" ? (text.split("\n").find((l) => l.trim()) ?? "").trim().replace(/\s+/g, " ") : "");
const cut = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text);

/** `GET api.example.com/orders/{id}`: the method, and the URL without its scheme or query. */
function requestLine(inputs: Record<string, unknown>): string {
  const method = String(inputs.method ?? "GET").toUpperCase();
  const url = typeof inputs.url === "string" ? inputs.url : "";
  try {
    const u = new URL(url);
    return `${method} ${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return `${method} ${url}`;
  }
}

/**
 * What a step does, in one line under its name on the canvas: the SQL's first line, the request
 * line, the expression, the gate's message, or the tool and the provider that runs it.
 */
export function stepSubtitle(step: TStep): string {
  const inputs = step.inputs as Record<string, unknown>;
  if (step.type === "approval_gate") return cut(firstLine(inputs.message) || "waits for approval");
  if (step.type === "condition") return cut(`if ${firstLine(inputs.expression)}`);
  switch (step.action_kind) {
    case "run_sql":
    case "generate_query":
      return cut(firstLine(inputs.sql) || (step.action_kind ?? ""));
    case "http_request":
      return cut(requestLine(inputs));
    case "transform":
      return cut(firstLine(inputs.expression));
    case "notify":
      return cut([typeof inputs.channel === "string" ? inputs.channel : "", firstLine(inputs.message)].filter(Boolean).join(": "));
    case "create_flashboard":
      return cut(`dashboard “${firstLine(inputs.title)}”`);
    case "llm":
      return cut(firstLine(inputs.prompt) || "model call");
    default:
      // A tool: its name, and the provider pinned to run it when there is one.
      return cut(step.provider_id ? `${step.action_kind} · ${step.provider_id}` : `tool ${step.action_kind ?? ""}`);
  }
}
