import { isPlainObject } from "../json";
import { Timeline } from "./timeline";
import { importError, type Doc, type ImportResult, type Item } from "./types";
import { needString, parseArguments, partsText, resultValue, str } from "./values";

// OpenAI Responses API items: the `input` list of a request and the `output` list of a response
// (or the `data` of an input-items listing). Function calls and their outputs are separate items
// joined by `call_id`; remote MCP calls carry their output inline and may follow an approval.

const HOSTED = new Set(["web_search_call", "file_search_call", "code_interpreter_call", "image_generation_call", "computer_call", "computer_call_output", "local_shell_call", "local_shell_call_output"]);
const ROLES = new Set(["user", "system", "developer", "assistant"]);

export function responseItems(doc: Doc): Item[] {
  if (doc.kind === "lines") return doc.items;
  const { value } = doc;
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, where: `transcript[${i}]` }));
  if (!isPlainObject(value)) throw importError("transcript", "expected a list of Responses items, or a response with `output`");
  if (typeof value.type === "string" && value.type !== "response") return [{ value, where: "transcript" }];
  const items: Item[] = [];
  for (const key of ["input", "data", "output"])
    if (Array.isArray(value[key])) (value[key] as unknown[]).forEach((v, i) => items.push({ value: v, where: `transcript.${key}[${i}]` }));
  if (typeof value.input === "string") items.unshift({ value: { role: "user", content: value.input }, where: "transcript.input" });
  if (!items.length) throw importError("transcript", "expected a list of Responses items, or a response with `output`");
  return items;
}

export function importOpenAiResponses(doc: Doc): ImportResult {
  const t = new Timeline();
  const approvals = new Map<string, boolean>();
  const value = doc.kind === "json" && isPlainObject(doc.value) ? doc.value : {};
  const system = str(value.instructions);
  if (system) t.say("system", system);

  for (const { value: item, where } of responseItems(doc)) {
    if (!isPlainObject(item)) throw importError(where, "expected a Responses item object");
    const type = item.type ?? (item.role ? "message" : undefined);
    switch (type) {
      case "message": {
        const role = item.role;
        if (typeof role !== "string" || !ROLES.has(role)) throw importError(`${where}.role`, `expected user, system, developer or assistant (got ${JSON.stringify(role)})`);
        t.say(role === "developer" ? "system" : (role as "user" | "system" | "assistant"), partsText(item.content));
        break;
      }
      case "function_call":
      case "custom_tool_call": {
        const id = needString(item, "call_id", where);
        const args = type === "function_call" ? parseArguments(item.arguments, `${where}.arguments`) : { input: item.input ?? "" };
        t.call({ id, tool: needString(item, "name", where), arguments: args }, where);
        break;
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const id = needString(item, "call_id", where);
        const output = Array.isArray(item.output) ? partsText(item.output) : item.output;
        t.settle(id, { result: resultValue(output) }, `${where}.call_id`);
        break;
      }
      case "mcp_approval_request":
        t.skips.add(where, "MCP approval requests are read with the call they approved");
        break;
      case "mcp_approval_response":
        if (typeof item.approval_request_id === "string") approvals.set(item.approval_request_id, item.approve === true);
        break;
      case "mcp_call": {
        const id = needString(item, "id", where);
        const approved = typeof item.approval_request_id === "string" ? approvals.get(item.approval_request_id) : undefined;
        t.call(
          {
            id,
            tool: needString(item, "name", where),
            arguments: parseArguments(item.arguments, `${where}.arguments`),
            ...(approved === undefined ? {} : { approval: { status: approved ? "approved" : "rejected" } }),
          },
          where,
        );
        if (typeof item.error === "string" && item.error) t.settle(id, { error: item.error }, where);
        else if (item.output !== undefined && item.output !== null) t.settle(id, { result: resultValue(item.output) }, where);
        break;
      }
      case "reasoning":
        t.skips.add(where, "reasoning is not part of the work");
        break;
      case "mcp_list_tools":
        t.skips.add(where, "tool listings are not calls");
        break;
      default:
        if (typeof type === "string" && HOSTED.has(type)) t.skips.add(where, `${type}: a tool hosted by OpenAI, which an automation cannot call`);
        else throw importError(`${where}.type`, `unknown Responses item type ${JSON.stringify(type)}`);
    }
  }
  const output = str(value.output_text);
  return t.result(output ? { output } : {});
}
