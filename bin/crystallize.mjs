#!/usr/bin/env node
// The Crystallize command line: a thin client of the HTTP API (docs/api.md).
// Exit codes are part of the interface; see USAGE.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";

const USAGE = `Usage: crystallize <command> [options]

Commands
  import FILE                 Import an agent log as a run (format detected unless --format)
      --format F              openai-chat | anthropic-messages | openai-responses | vercel-ai |
                              langsmith | openai-agents | jsonl-session | mcp | otlp
      --agent NAME            Name the agent
      --again                 Import a file that was imported already once more
  crystallize RUN_ID          Turn an agent run into a draft automation
      --name NAME             Name the automation
      --into AUTOMATION_ID    Merge into an existing automation as its next version
      --sequential            Keep the source's order instead of data-flow order
  runs                        List agent runs, newest first
      --automation ID         List that automation's runs instead
      --status S  --limit N
  trigger AUTOMATION_ID       Start a run of an active automation
      --input JSON|@FILE      The run's parameters
      --wait                  Wait for the run to finish; exit 1 if it did not succeed

Options
  --url URL    API origin (env CRYSTALLIZE_URL, default http://localhost:3000)
  --key KEY    API key (env CRYSTALLIZE_API_KEY)
  --json       Print the API's JSON instead of a summary
  -h, --help

Exit codes
  0 success   1 the run failed or was rejected   2 usage error   3 not authorised
  4 not found   5 invalid input (the message names the field or line)   6 server or network error
  7 the run waits for a human approval (trigger --wait)`;

const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, notFound: 4, invalid: 5, server: 6, waiting: 7 };

class CliError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

function exitCodeFor(status) {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 400 || status === 413 || status === 415 || status === 422) return EXIT.invalid;
  if (status === 409) return EXIT.failed; // also a file imported already (import --again)
  return EXIT.server;
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: "string" },
        key: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        format: { type: "string" },
        agent: { type: "string" },
        again: { type: "boolean" },
        name: { type: "string" },
        into: { type: "string" },
        sequential: { type: "boolean" },
        automation: { type: "string" },
        status: { type: "string" },
        limit: { type: "string" },
        input: { type: "string" },
        wait: { type: "boolean" },
      },
    });
  } catch (err) {
    throw new CliError(`${err.message}\n\n${USAGE}`, EXIT.usage);
  }
}

function client(values) {
  const base = (values.url ?? process.env.CRYSTALLIZE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const key = values.key ?? process.env.CRYSTALLIZE_API_KEY;
  if (!key) throw new CliError("No API key: pass --key or set CRYSTALLIZE_API_KEY (create one under Settings → API keys)", EXIT.usage);
  return async function request(method, path, init = {}) {
    let res;
    try {
      res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
        body: init.body,
        ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
      });
    } catch (err) {
      throw new CliError(`Cannot reach ${base}: ${err.cause?.message ?? err.message}`, EXIT.server);
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: reported below */
    }
    if (!res.ok) throw new CliError(`${res.status} ${json?.error?.code ?? res.statusText}: ${json?.error?.message ?? text.slice(0, 500)}`, exitCodeFor(res.status));
    return json;
  };
}

/** Progress on stderr: a live line on a terminal, a line per 10% otherwise. */
function progress(label, total) {
  let shownStep = -1;
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  return (done) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (process.stderr.isTTY) process.stderr.write(`\r${label} ${mb(done)} / ${mb(total)} (${pct}%)${done >= total ? "\n" : ""}`);
    else if (Math.floor(pct / 10) !== shownStep) {
      shownStep = Math.floor(pct / 10);
      process.stderr.write(`${label} ${pct}%\n`);
    }
  };
}

/**
 * Streams `{"transcript": "<file text>", ...}` without holding a second copy of a large file: the
 * text is read in chunks, JSON-escaped and sent as it is read.
 */
function importBody(file, extra) {
  const size = statSync(file).size;
  const report = progress(`uploading ${file}`, size);
  const encoder = new TextEncoder();
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let sent = 0;
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(encoder.encode(`${JSON.stringify(extra).slice(0, -1)}${Object.keys(extra).length ? "," : ""}"transcript":"`));
      for await (const chunk of stream) {
        controller.enqueue(encoder.encode(JSON.stringify(chunk).slice(1, -1)));
        sent += Buffer.byteLength(chunk);
        report(sent);
      }
      if (size === 0) report(0);
      controller.enqueue(encoder.encode(`"}`));
      controller.close();
    },
  });
}

const print = (values, json, summary) => console.log(values.json ? JSON.stringify(json, null, 2) : summary);

const commands = {
  async import(values, [file], api) {
    if (!file) throw new CliError("import needs a FILE", EXIT.usage);
    try {
      statSync(file);
    } catch {
      throw new CliError(`Cannot read ${file}`, EXIT.usage);
    }
    const extra = { ...(values.format && { format: values.format }), ...(values.agent && { agent: values.agent }) };
    const out = await api("POST", `/agents/runs/import${values.again ? "?duplicate=allow" : ""}`, { body: importBody(file, extra) });
    const r = out.report;
    const skipped = r.skipped.map((s) => `\n  skipped ${s.count}: ${s.reason} (${s.where})`).join("");
    print(values, out, `${out.run.id}\timported ${r.tool_calls} tool calls, ${r.messages} messages as ${r.format}${r.detected ? " (detected)" : ""}${skipped}`);
  },

  async crystallize(values, [runId], api) {
    if (!runId) throw new CliError("crystallize needs a RUN_ID", EXIT.usage);
    const body = {
      ...(values.name && { name: values.name }),
      ...(values.into && { into: values.into }),
      options: { ordering: values.sequential ? "sequential" : "dataflow" },
    };
    const out = await api("POST", `/agents/runs/${encodeURIComponent(runId)}/crystallize`, { body: JSON.stringify(body) });
    const a = out.automation;
    // The report counts the steps: the answer carries the definition only with include=definition.
    const steps = out.report.action_steps + out.report.approval_gates;
    const lines = [`${a.id}\t${a.name} v${a.version}: ${steps} steps, ${out.report.nondeterministic_steps.length} to review`];
    if (out.merge) {
      lines.push(`merged into v${out.merge.from_version}: ${out.merge.differences.length} inputs differ`);
      for (const d of out.merge.differences) lines.push(`  ${d.step}${d.input_path} → parameter ${d.parameter}: ${JSON.stringify(d.current)} ⇢ ${JSON.stringify(d.incoming)}`);
    }
    print(values, out, lines.join("\n"));
  },

  async runs(values, _args, api) {
    const params = new URLSearchParams({ limit: values.limit ?? "20", ...(values.status && { status: values.status }) });
    const path = values.automation ? `/automations/${encodeURIComponent(values.automation)}/runs?${params}` : `/agents/runs?${params}`;
    const out = await api("GET", path);
    const rows = out.data.map((r) =>
      values.automation
        ? [r.id, r.status, `v${r.version}`, r.trigger, r.created_at].join("\t")
        : [r.id, r.status, r.agent, `${r.tool_call_count} calls`, r.created_at].join("\t"),
    );
    print(values, out, rows.length ? rows.join("\n") : "no runs");
  },

  async trigger(values, [automationId], api) {
    if (!automationId) throw new CliError("trigger needs an AUTOMATION_ID", EXIT.usage);
    let input = {};
    if (values.input) {
      const text = values.input.startsWith("@") ? readFileSync(values.input.slice(1), "utf8") : values.input;
      try {
        input = JSON.parse(text);
      } catch (err) {
        throw new CliError(`--input is not valid JSON: ${err.message}`, EXIT.usage);
      }
    }
    let run = await api("POST", `/automations/${encodeURIComponent(automationId)}/runs`, { body: JSON.stringify({ input }) });
    if (values.wait) {
      // A run waiting for a human is as far as a script can wait: it exits with its own code.
      const final = new Set(["succeeded", "failed", "canceled", "waiting_for_approval"]);
      for (let delay = 200; !final.has(run.status); delay = Math.min(delay * 1.5, 2000)) {
        await new Promise((r) => setTimeout(r, delay));
        run = await api("GET", `/runs/${run.id}`);
      }
    }
    print(values, run, `${run.id}\t${run.status}`);
    if (values.wait && run.status !== "succeeded") process.exitCode = run.status === "waiting_for_approval" ? EXIT.waiting : EXIT.failed;
  },
};

async function main() {
  const { values, positionals } = parse(process.argv.slice(2));
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const run = commands[command];
  if (!run) throw new CliError(`Unknown command "${command}"\n\n${USAGE}`, EXIT.usage);
  await run(values, args, client(values));
}

main().catch((err) => {
  console.error(`crystallize: ${err.message}`);
  process.exitCode = err instanceof CliError ? err.code : EXIT.server;
});
