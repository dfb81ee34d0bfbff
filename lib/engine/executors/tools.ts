import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { z } from "zod";
import { StepError } from "../../errors";
import { type ExecContext } from "./types";
import { egressFetchWith, type EgressPolicy } from "../../security/egress";
import { stdioRefusal } from "../../security/stdio-policy";
import { BUILTIN_SERVERS, createBuiltinServer } from "./builtin-servers";
import { sendHttp } from "./http";
import { readJsonText } from "../../json";

// Tools that are not built in run on a workspace's tool providers: an MCP server (one shipped with
// the app and served in-process, a Streamable HTTP URL, or a local command over stdio when the
// operator allows it; through the official SDK) or an HTTP endpoint taking {tool, arguments}.

export const ZProviderConfig = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("mcp_stdio"),
    command: z.string().min(1).max(500),
    args: z.array(z.string().max(2000)).max(50).default([]),
    env: z.record(z.string(), z.string()).default({}),
  }),
  /** An MCP server that ships with the app, served in-process: no command, no network. */
  z.object({ kind: z.literal("builtin"), server: z.enum(BUILTIN_SERVERS) }),
  z.object({ kind: z.literal("mcp_http"), url: z.url(), headers: z.record(z.string(), z.string()).default({}) }),
  z.object({
    kind: z.literal("http"),
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
    /** An HTTP endpoint cannot be asked what it offers, so its tools are declared. */
    tools: z.array(z.object({ name: z.string().min(1).max(200), description: z.string().max(2000).optional() })).min(1).max(500),
  }),
]);
export type ProviderConfig = z.output<typeof ZProviderConfig>;
export type ToolInfo = { name: string; description?: string; input_schema?: unknown };

type Pooled = { client: Client; idle?: NodeJS.Timeout; busy: number };
const clients = ((globalThis as { __czMcp?: Map<string, Promise<Pooled>> }).__czMcp ??= new Map());
const IDLE_CLOSE_MS = 60_000;

type McpConfig = Extract<ProviderConfig, { kind: "mcp_stdio" | "mcp_http" | "builtin" }>;

async function connect(config: McpConfig, egress: EgressPolicy): Promise<Client> {
  const client = new Client({ name: "crystallize", version: "1.0.0" });
  if (config.kind === "builtin") {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createBuiltinServer(config.server).connect(serverSide);
    await client.connect(clientSide);
    return client;
  }
  const transport =
    config.kind === "mcp_stdio"
      ? new StdioClientTransport({
          command: config.command,
          args: config.args,
          env: { ...getDefaultEnvironment(), ...config.env },
          cwd: process.cwd(),
          stderr: "ignore",
        })
      : new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: config.headers }, fetch: egressFetchWith(egress) });
  await client.connect(transport);
  return client;
}

/** Runs `fn` with a connected client, kept open for a minute so a run's calls share it. */
async function withClient<T>(
  providerId: string,
  config: McpConfig,
  egress: EgressPolicy,
  fn: (c: Client) => Promise<T>,
): Promise<T> {
  // Asked on every use, not only at registration: a provider stored before the operator turned
  // stdio off (or narrowed the allow-list) must not start, and neither may a pooled one be reused.
  if (config.kind === "mcp_stdio") {
    const refusal = stdioRefusal(config);
    if (refusal) throw new StepError(`tool provider ${providerId} may not start its command: ${refusal.message}`, false);
  }
  // The policy is part of the key: a narrowed allow-list must not keep an old connection alive.
  const key = `${providerId}:${JSON.stringify(config)}:${JSON.stringify([egress.names, egress.networks.map(String)])}`;
  let entry = clients.get(key);
  if (!entry) {
    entry = connect(config, egress).then((client) => ({ client, busy: 0 }));
    clients.set(key, entry);
    entry.catch(() => clients.delete(key));
  }
  let pooled: Pooled;
  try {
    pooled = await entry;
  } catch (err) {
    throw new StepError(`cannot reach the MCP server: ${(err as Error).message}`);
  }
  pooled.busy++;
  clearTimeout(pooled.idle);
  try {
    return await fn(pooled.client);
  } catch (err) {
    // A broken connection is dropped, so the next call (or retry) reconnects.
    if (!(err instanceof StepError)) {
      clients.delete(key);
      void pooled.client.close().catch(() => {});
    }
    throw err;
  } finally {
    pooled.busy--;
    if (pooled.busy === 0 && clients.get(key) === entry) {
      pooled.idle = setTimeout(() => {
        clients.delete(key);
        void pooled.client.close().catch(() => {});
      }, IDLE_CLOSE_MS);
      pooled.idle.unref();
    }
  }
}

/** What the provider offers; MCP servers are asked, HTTP endpoints declare it. */
export async function listProviderTools(providerId: string, config: ProviderConfig, egress: EgressPolicy): Promise<ToolInfo[]> {
  if (config.kind === "http") return config.tools;
  return withClient(providerId, config, egress, async (client) => {
    const out: ToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: 15_000 });
      out.push(...page.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  });
}

/** MCP results: structured content when given, else the text (parsed when it is JSON). */
function mcpResult(result: { content?: unknown; structuredContent?: unknown; isError?: boolean }): unknown {
  const texts = Array.isArray(result.content)
    ? result.content.filter((c): c is { type: "text"; text: string } => c?.type === "text").map((c) => c.text)
    : [];
  if (result.isError) throw new StepError(texts.join("\n") || "the tool reported an error");
  if (result.structuredContent !== undefined) return result.structuredContent;
  const text = texts.join("\n");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function callProviderTool(
  providerId: string,
  config: ProviderConfig,
  tool: string,
  args: Record<string, unknown>,
  ctx: ExecContext,
): Promise<unknown> {
  if (config.kind === "http") {
    const res = await sendHttp({ method: "POST", url: config.url, headers: config.headers, body: { tool, arguments: args, idempotency_key: ctx.idempotencyKey } }, ctx);
    if (res.status >= 400) throw new StepError(`the tool endpoint answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`, res.status >= 500 || res.status === 429);
    // JSON sent as text is read as JSON, as the crystallizer read the recorded result (and as
    // MCP results are), so bindings into it hold whatever the endpoint's content-type says.
    return typeof res.body === "string" ? readJsonText(res.body) : res.body;
  }
  return withClient(providerId, config, ctx.egress, async (client) => {
    const result = await client.callTool(
      { name: tool, arguments: args, _meta: { idempotency_key: ctx.idempotencyKey } },
      undefined,
      { signal: ctx.signal, timeout: ctx.step.timeout_ms ?? 60_000 },
    );
    return mcpResult(result as Parameters<typeof mcpResult>[0]);
  });
}

export async function closeToolClients() {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((p) => p.then((c: Pooled) => c.client.close()).catch(() => {})));
}
