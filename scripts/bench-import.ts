import { performance } from "node:perf_hooks";
import { crystallize } from "../lib/crystallize/crystallize";
import { importTranscript, type TImportFormat } from "../lib/importers/import-transcript";
import { spansFromJson } from "../lib/importers/otlp-decode";
import { traceToRun } from "../lib/importers/otlp-to-run";

// Import speed, in-process: reading a vendor file (as uploaded text) into native messages, for
// files of 100 to 10,000 tool calls, and the same for an OTLP trace. Usage: npm run bench:import [rounds]

const rounds = Number(process.argv[2] ?? 5);
const SIZES = [100, 1_000, 10_000];

function claudeSession(n: number): string {
  const lines = [JSON.stringify({ type: "user", message: { role: "user", content: "Sync every account" }, timestamp: "2026-11-20T09:00:00Z" })];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ type: "assistant", timestamp: "2026-11-20T09:00:01Z", message: { role: "assistant", content: [{ type: "tool_use", id: `toolu_${i}`, name: "sync_account", input: { account_id: `acct_${i}`, mode: "full" } }] } }));
    lines.push(JSON.stringify({ type: "user", timestamp: "2026-11-20T09:00:02Z", message: { role: "user", content: [{ type: "tool_result", tool_use_id: `toolu_${i}`, content: JSON.stringify({ synced: i, rows: [1, 2, 3] }) }] } }));
  }
  return lines.join("\n");
}

function mcpLog(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "sync_account", arguments: { account_id: `acct_${i}` } } }));
    lines.push(JSON.stringify({ jsonrpc: "2.0", id: i, result: { content: [{ type: "text", text: JSON.stringify({ synced: i }) }] } }));
  }
  return lines.join("\n");
}

function otlp(n: number): unknown {
  const trace = "5b8efff798038103d269b633813fc60c";
  const spans = [{ traceId: trace, spanId: "a000000000000000", name: "invoke_agent", startTimeUnixNano: "1763629200000000000", endTimeUnixNano: "1763629300000000000", attributes: [{ key: "gen_ai.operation.name", value: { stringValue: "invoke_agent" } }] }];
  for (let i = 0; i < n; i++)
    spans.push({
      traceId: trace,
      spanId: (0xb000000000000000n + BigInt(i)).toString(16),
      parentSpanId: "a000000000000000",
      name: "execute_tool sync_account",
      startTimeUnixNano: String(1763629200000000000n + BigInt(i) * 1000000n),
      endTimeUnixNano: String(1763629200000500000n + BigInt(i) * 1000000n),
      attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "execute_tool" } },
        { key: "gen_ai.tool.name", value: { stringValue: "sync_account" } },
        { key: "gen_ai.tool.call.arguments", value: { stringValue: JSON.stringify({ account_id: `acct_${i}` }) } },
        { key: "gen_ai.tool.call.result", value: { stringValue: JSON.stringify({ synced: i }) } },
      ],
    } as never);
  return { resourceSpans: [{ scopeSpans: [{ spans }] }] };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const time = (fn: () => unknown) => {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return `${median(samples).toFixed(1)} ms (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`;
};

console.log(`import benchmark, median of ${rounds} rounds, in-process (no database)\n`);
for (const n of SIZES) {
  const files: [string, TImportFormat | undefined, string][] = [
    ["claude-code session JSONL, detected", undefined, claudeSession(n)],
    ["MCP log JSONL, detected", undefined, mcpLog(n)],
  ];
  for (const [label, format, text] of files)
    console.log(`${String(n).padStart(6)} calls  ${label.padEnd(38)} ${(text.length / 1048576).toFixed(1).padStart(5)} MB  read: ${time(() => importTranscript(format, text))}`);
  const doc = otlp(n);
  console.log(`${String(n).padStart(6)} calls  ${"OTLP/JSON trace → run".padEnd(38)}          read: ${time(() => traceToRun(spansFromJson(doc)))}`);
}

// Import then crystallize, the whole pure path for the largest file.
const big = importTranscript(undefined, claudeSession(10_000));
console.log(`\n 10000 calls  messages → crystallize (pure): ${time(() =>
  crystallize({
    source: { type: "agent_run", id: "bench" },
    events: big.messages.flatMap((m, i) =>
      (m.tool_calls ?? []).map((c, j) => ({ kind: "tool_call" as const, id: `tc_${i}_${j}`, callId: c.id, toolName: c.tool, arguments: c.arguments, result: { synced: j }, status: "succeeded" as const })),
    ),
  }),
)}`);
