import { definePair, type Pair } from "./transcript";

// Files and APIs: list a directory (one path per line) and read each file, GET a URL with an id
// in it, walk a list from an API, copy a dated export. Results are as the tools give them: plain
// text, JSON, JSON inside text (GitHub's MCP server).

const text = (v: unknown) => JSON.stringify(v, null, 2);

export function filePairs(): Pair[] {
  return [
    definePair({
      domain: "files & APIs",
      name: "read-config-files",
      about: "list a directory (plain text, one path per line) → read each file (3 vs 5)",
      label: "Config audit",
      runs: [
        { startedAt: "2025-06-24T09:00:00Z", data: { files: ["config/app.yaml", "config/database.yaml", "config/queue.yaml"] } },
        { startedAt: "2025-10-08T13:20:00Z", data: { files: ["config/app.yaml", "config/cache.yaml", "config/database.yaml", "config/mailer.yaml", "config/queue.yaml"] } },
      ],
      play: (r, d) => {
        r.user("Check the files in config/ for hard-coded passwords.");
        r.call("list_directory", { path: "config" }, d.files.join("\n") + "\n");
        for (const f of d.files) r.call("read_file", { path: f }, `# ${f}\nhost: \${${f.split("/")[1]!.split(".")[0]!.toUpperCase()}_HOST}\npassword: \${SECRET}\n`);
        r.assistant("No hard-coded passwords: every secret comes from the environment.");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "deploy-status-by-id",
      about: "a deploy id from chat inside a URL → GET it → GET the logs URL it returned",
      label: "Deploy triage",
      style: "openai",
      runs: [
        { startedAt: "2025-07-17T22:04:00Z", data: { id: "48213", service: "checkout-api", error: "migration 0142 timed out" } },
        { startedAt: "2025-09-02T03:41:00Z", data: { id: "50177", service: "search-indexer", error: "OOMKilled" } },
      ],
      play: (r, d) => {
        r.user(`Why did deploy ${d.id} fail?`);
        const base = "https://deploy.internal.example.com/api/v2";
        const logs = `${base}/deploys/${d.id}/logs?tail=200`;
        r.call("http_get", { url: `${base}/deploys/${d.id}` }, { id: Number(d.id), service: d.service, state: "failed", logs_url: logs });
        r.call("http_get", { url: logs }, `[deploy ${d.id}] starting rollout of ${d.service}\n[deploy ${d.id}] step 3/5 failed: ${d.error}\n[deploy ${d.id}] rolled back\n`);
        r.assistant(`Deploy ${d.id} failed because ${d.error}.`);
      },
      user: (d) => [d.id],
    }),

    definePair({
      domain: "files & APIs",
      name: "github-pr-checks",
      about: "GitHub MCP (JSON in text): open PRs → CI status of each (3 vs 4)",
      label: "PR checks",
      runs: [
        { startedAt: "2025-06-11T08:30:00Z", data: { prs: [[1842, "Add Apple Pay"], [1851, "Fix cart rounding"], [1857, "Bump zod"]] } },
        { startedAt: "2025-08-06T08:30:00Z", data: { prs: [[1990, "Gift cards"], [1994, "Speed up search"], [2003, "Drop IE polyfills"], [2011, "Fix VAT for NO"]] } },
      ],
      play: (r, d) => {
        r.user("Check CI on all open PRs against main in acme/storefront and tell me which are red.");
        r.call(
          "mcp__github__list_pull_requests",
          { owner: "acme", repo: "storefront", state: "open", base: "main" },
          text(d.prs.map(([number, title]) => ({ number, title, state: "open", html_url: `https://github.com/acme/storefront/pull/${number}`, head: { ref: `feature/${number}`, sha: `${number}abcdef0123456789` } }))),
        );
        for (const [number] of d.prs)
          r.call(
            "mcp__github__get_pull_request_status",
            { owner: "acme", repo: "storefront", pull_number: number },
            text({ state: Number(number) % 2 ? "failure" : "success", total_count: 3, statuses: [{ context: "ci/test", state: Number(number) % 2 ? "failure" : "success" }] }),
          );
        r.assistant("Red: the odd-numbered ones.");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "github-small-issue-numbers",
      about: "GitHub MCP: open bug issues of a young repo (numbers below 100) → comments of each (2 vs 3)",
      label: "Bug sweep",
      style: "openai",
      runs: [
        { startedAt: "2025-05-02T17:00:00Z", data: { issues: [[12, "Crash on empty input"], [17, "Wrong line numbers"]] } },
        { startedAt: "2025-06-30T17:00:00Z", data: { issues: [[9, "Unicode escapes"], [21, "Stack overflow on deep nesting"], [23, "Trailing comma accepted"]] } },
      ],
      play: (r, d) => {
        r.user("Summarize the discussion on every open bug in lena-dev/tinyparse.");
        r.call(
          "mcp__github__list_issues",
          { owner: "lena-dev", repo: "tinyparse", state: "open", labels: ["bug"] },
          text(d.issues.map(([number, title]) => ({ number, title, state: "open", user: { login: "lena-dev" }, comments: 2 }))),
        );
        for (const [number] of d.issues)
          r.call("mcp__github__get_issue_comments", { owner: "lena-dev", repo: "tinyparse", issue_number: number }, text([{ user: { login: "octocat" }, body: `Reproduced #${number} on main.` }]));
        r.assistant("Summary of each bug's discussion…");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "s3-todays-exports",
      about: "S3 listing under today's dated prefix → get each object (3 vs 4)",
      label: "Export check",
      runs: [
        { startedAt: "2025-07-02T07:05:00Z", data: { files: ["orders", "customers", "refunds"] } },
        { startedAt: "2025-09-30T07:05:00Z", data: { files: ["orders", "customers", "refunds", "payouts"] } },
      ],
      play: (r, d, at) => {
        const prefix = `daily/${at.toISODate()}/`;
        r.user("Grab today's export files from the data-exports bucket and tell me how many rows each has.");
        r.call(
          "s3_list_objects",
          { bucket: "acme-data-exports", prefix },
          { Contents: d.files.map((f, i) => ({ Key: `${prefix}${f}.csv`, Size: 10_000 + i * 7_919, LastModified: at.toUTC().toISO() })), KeyCount: d.files.length, IsTruncated: false },
        );
        for (const [i, f] of d.files.entries()) r.call("s3_get_object", { bucket: "acme-data-exports", key: `${prefix}${f}.csv` }, `id,amount\n${Array.from({ length: i + 2 }, (_, j) => `${j + 1},${(j + 1) * 10}`).join("\n")}\n`);
        r.assistant("Row counts: …");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "invoice-lines-by-url",
      about: "GET open invoices since the start of last month → GET each invoice's lines, its id inside the URL path (3 vs 2)",
      label: "Invoice lines",
      runs: [
        { startedAt: "2025-07-09T10:00:00Z", data: { invoices: ["in_1PqR7sK2", "in_1PqT0aB9", "in_1PqW3cD4"] } },
        { startedAt: "2025-10-21T10:00:00Z", data: { invoices: ["in_1QaZ5eF6", "in_1QbC8gH1"] } },
      ],
      play: (r, d, at) => {
        const since = at.minus({ months: 1 }).startOf("month").toISODate();
        const base = "https://api.billing.example.com/v1/invoices";
        r.user("List the line items of all open invoices created since the start of last month.");
        r.call("http_get", { url: `${base}?status=open&created_gte=${since}` }, { data: d.invoices.map((id, i) => ({ id, amount_due: 4900 + i * 1000, customer: `cus_${id.slice(-4)}` })), has_more: false });
        for (const id of d.invoices) r.call("http_get", { url: `${base}/${id}/lines` }, { data: [{ description: "Pro plan", amount: 4900 }], invoice: id });
        r.assistant("Line items: …");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "archive-yesterdays-export",
      about: "read yesterday's dated CSV → upload it to the archive under a yyyy/MM/ key",
      label: "Export archive",
      runs: [
        { startedAt: "2025-07-15T06:30:00Z", data: { rows: 1284 } },
        { startedAt: "2025-11-03T06:30:00Z", data: { rows: 977 } },
      ],
      play: (r, d, at) => {
        const y = at.minus({ days: 1 });
        const name = `sales_${y.toISODate()}.csv`;
        r.user("Archive yesterday's sales export to the archive bucket.");
        const csv = r.call("read_file", { path: `/srv/exports/${name}` }, `order_id,total\n${Array.from({ length: 3 }, (_, i) => `${d.rows + i},${19.99 + i}`).join("\n")}\n`);
        r.call("upload_file", { bucket: "acme-archive", key: `sales/${y.toFormat("yyyy/MM")}/${name}`, content: csv }, { etag: `"${d.rows}e3b0c442"`, ok: true });
        r.assistant("Archived.");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "jira-triage-this-week",
      about: "Jira search for issues created this week (date in JQL) → transition each (3 vs 1)",
      label: "Jira triage",
      style: "openai",
      runs: [
        { startedAt: "2025-07-03T15:00:00Z", data: { issues: ["OPS-2291", "OPS-2294", "OPS-2301"] } },
        { startedAt: "2025-09-04T15:00:00Z", data: { issues: ["OPS-2517"] } },
      ],
      play: (r, d, at) => {
        const week = at.startOf("week").toISODate();
        r.user("Move every OPS issue created this week that's still in Triage to Backlog.");
        r.call(
          "jira_search",
          { jql: `project = OPS AND status = "Triage" AND created >= "${week}" ORDER BY created ASC`, fields: ["key", "summary"], maxResults: 50 },
          { issues: d.issues.map((key) => ({ key, fields: { summary: `Alert noise from ${key}` } })), total: d.issues.length },
        );
        for (const key of d.issues) r.call("jira_transition_issue", { issue_key: key, transition: "Backlog" }, { key, status: "Backlog" });
        r.assistant("Moved.");
      },
      user: () => [],
    }),

    definePair({
      domain: "files & APIs",
      name: "claude-code-glob-read",
      about: "Claude Code: Glob (paths one per line) → TodoWrite → Read each file (2 vs 4)",
      label: "mockFetch audit",
      runs: [
        { startedAt: "2025-06-05T12:00:00Z", data: { files: ["src/auth/login.test.ts", "src/cart/cart.test.ts"] } },
        { startedAt: "2025-08-14T12:00:00Z", data: { files: ["src/auth/login.test.ts", "src/cart/cart.test.ts", "src/checkout/pay.test.ts", "src/search/query.test.ts"] } },
      ],
      play: (r, d) => {
        r.user("Which of our test files still use the old mockFetch helper?");
        const paths = d.files.map((f) => `/home/dev/shop/${f}`);
        r.call("Glob", { pattern: "src/**/*.test.ts", path: "/home/dev/shop" }, paths.join("\n"));
        r.call("TodoWrite", { todos: [{ content: "Read each test file and look for mockFetch", status: "in_progress", activeForm: "Reading test files" }] }, "Todos have been modified successfully.");
        for (const [i, p] of paths.entries())
          r.call("Read", { file_path: p }, `     1\timport { describe, it } from "vitest";\n     2\timport { ${i % 2 ? "mockFetch" : "server"} } from "../test-utils";\n     3\t\n     4\tdescribe("${p.split("/").pop()}", () => {});\n`);
        r.assistant("These use mockFetch: …");
      },
      user: () => [],
    }),
  ];
}
