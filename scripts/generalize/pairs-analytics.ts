import type { DateTime } from "luxon";
import { daysBetween, definePair, numeric, rng, type Pair } from "./transcript";

// Analytics: SQL whose dates are relative to the day it ran (last month, the last 30 days, this
// quarter so far), then a dashboard or chart tool fed the query's rows. The SQL tools are a
// Postgres MCP server (rows as JSON text, numerics as strings, as node-postgres gives them) and a
// warehouse tool with structured rows.

const json = (v: unknown) => JSON.stringify(v, null, 2);
const day = (d: DateTime) => d.toISODate()!;

/** Monday of every week from the week holding `from` up to `to`. */
function weeksFrom(from: DateTime, to: DateTime) {
  const out: string[] = [];
  for (let w = from.startOf("week"); w <= to; w = w.plus({ weeks: 1 })) out.push(day(w));
  return out;
}

export function analyticsPairs(): Pair[] {
  return [
    definePair({
      domain: "analytics",
      name: "revenue-last-month",
      about: "daily revenue for last month (dates in SQL text) → dashboard of the rows; 30 vs 28 days",
      label: "Revenue dashboard",
      runs: [
        { startedAt: "2025-07-03T08:12:00Z", data: { seed: 1, dash: "dash_41c9e2" } },
        { startedAt: "2026-03-04T15:40:00Z", data: { seed: 2, dash: "dash_77ab10" } },
      ],
      play: (r, d, at) => {
        const from = at.minus({ months: 1 }).startOf("month");
        const to = at.startOf("month");
        const random = rng(d.seed);
        r.user("Can you build a dashboard of our daily revenue for last month?");
        r.assistant("I'll pull daily paid revenue for last month from the orders table.");
        const rows = daysBetween(from, to).map((dayText) => ({ day: dayText, revenue: numeric(4000 + random() * 3000) }));
        r.call(
          "mcp__postgres__query",
          {
            sql: `SELECT created_at::date AS day, round(sum(amount_cents) / 100.0, 2) AS revenue\nFROM orders\nWHERE status = 'paid'\n  AND created_at >= '${day(from)}'\n  AND created_at < '${day(to)}'\nGROUP BY 1\nORDER BY 1`,
          },
          json(rows),
        );
        r.call(
          "create_dashboard",
          { title: "Daily revenue (last month)", description: "Paid orders only", charts: [{ type: "line", title: "Revenue per day", x: "day", y: "revenue", data: rows }] },
          { id: d.dash, url: `https://bi.example.com/d/${d.dash}` },
        );
        r.assistant(`Here's the dashboard: https://bi.example.com/d/${d.dash}`);
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "signups-last-30-days",
      about: "signups per day over the last 30 days (N days ago and today in SQL) → bar chart",
      label: "Signups chart",
      style: "openai",
      runs: [
        { startedAt: "2025-06-13T10:05:00Z", data: { seed: 3, chart: "chr_0a91" } },
        { startedAt: "2025-11-20T09:30:00Z", data: { seed: 4, chart: "chr_5f3e" } },
      ],
      play: (r, d, at) => {
        const from = at.minus({ days: 30 }).startOf("day");
        const random = rng(d.seed);
        r.user("Show me a chart of daily signups over the last 30 days");
        const rows = daysBetween(from, at).map((dayText) => ({ SIGNUP_DATE: dayText, SIGNUPS: 20 + Math.floor(random() * 60) }));
        r.call(
          "execute_sql",
          {
            warehouse: "ANALYTICS_WH",
            sql: `SELECT signup_date AS SIGNUP_DATE, count(*) AS SIGNUPS FROM analytics.users WHERE signup_date >= '${day(from)}' AND signup_date < '${day(at)}' GROUP BY 1 ORDER BY 1`,
          },
          { columns: ["SIGNUP_DATE", "SIGNUPS"], rows, row_count: rows.length },
        );
        r.call("create_chart", { type: "bar", title: "Signups, last 30 days", x: "SIGNUP_DATE", y: "SIGNUPS", data: rows }, { chart_id: d.chart, url: `https://bi.example.com/c/${d.chart}` });
        r.assistant(`Done — https://bi.example.com/c/${d.chart}`);
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "orders-quarter-to-date",
      about: "weekly orders since the start of this quarter (mid-quarter run) → dashboard",
      label: "QTD orders",
      runs: [
        { startedAt: "2025-05-20T07:45:00Z", data: { seed: 5, dash: "dash_q2orders" } },
        { startedAt: "2025-08-27T16:10:00Z", data: { seed: 6, dash: "dash_q3orders" } },
      ],
      play: (r, d, at) => {
        const from = at.startOf("quarter");
        const random = rng(d.seed);
        r.user("Weekly order counts for this quarter so far, as a dashboard please.");
        r.assistant("Querying orders grouped by week since the start of the quarter.");
        const rows = weeksFrom(from, at).map((week) => ({ week, orders: String(800 + Math.floor(random() * 400)) }));
        r.call(
          "mcp__postgres__query",
          { sql: `SELECT date_trunc('week', ordered_at)::date AS week, count(*) AS orders FROM orders WHERE ordered_at >= '${day(from)}' GROUP BY 1 ORDER BY 1;` },
          json(rows),
        );
        r.call("create_dashboard", { title: "Orders per week — quarter to date", charts: [{ type: "bar", x: "week", y: "orders", data: rows }] }, { id: d.dash, url: `https://bi.example.com/d/${d.dash}` });
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "tickets-qtd-early-in-quarter",
      about: "support tickets per team this quarter so far, run 1 on the 2nd day of a quarter → chart",
      label: "Tickets QTD",
      style: "openai",
      runs: [
        { startedAt: "2025-04-02T09:00:00Z", data: { seed: 7, chart: "chr_tix_a1" } },
        { startedAt: "2025-05-15T09:00:00Z", data: { seed: 8, chart: "chr_tix_b2" } },
      ],
      play: (r, d, at) => {
        const from = at.startOf("quarter");
        const random = rng(d.seed);
        r.user("How many support tickets has each team opened this quarter so far? Chart it.");
        const rows = ["Billing", "Onboarding", "Platform", "Mobile"].map((team) => ({ TEAM: team, TICKETS: 10 + Math.floor(random() * 300) }));
        r.call(
          "execute_sql",
          { warehouse: "ANALYTICS_WH", sql: `SELECT team AS TEAM, count(*) AS TICKETS FROM support.tickets WHERE opened_at >= '${day(from)}' GROUP BY team ORDER BY 2 DESC` },
          { columns: ["TEAM", "TICKETS"], rows, row_count: rows.length },
        );
        r.call("create_chart", { type: "bar", title: "Tickets per team, QTD", x: "TEAM", y: "TICKETS", data: rows }, { chart_id: d.chart, url: `https://bi.example.com/c/${d.chart}` });
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "weekly-signups-to-slack",
      about: "last week's signup count (week bounds in SQL, count as JSON text) → Slack message quoting the dates and the count",
      label: "Weekly signups post",
      runs: [
        { startedAt: "2025-07-01T08:00:00Z", data: { count: "412" } },
        { startedAt: "2025-08-19T08:00:00Z", data: { count: "388" } },
      ],
      play: (r, d, at) => {
        const from = at.minus({ weeks: 1 }).startOf("week");
        const to = at.startOf("week");
        r.user("Post last week's signup count to #growth");
        r.call("mcp__postgres__query", { sql: `SELECT count(*) AS signups FROM users WHERE created_at >= '${day(from)}' AND created_at < '${day(to)}'` }, json([{ signups: d.count }]));
        r.call(
          "slack_post_message",
          { channel_id: "C04GROWTH", text: `Signups last week (${day(from)} – ${day(to.minus({ days: 1 }))}): ${d.count}` },
          { ok: true, channel: "C04GROWTH", ts: `17${d.count}0000.000100` },
        );
        r.assistant("Posted to #growth.");
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "mrr-by-plan-ytd",
      about: "year-to-date MRR by plan and by month (two queries, start of year in SQL) → two-chart dashboard",
      label: "MRR YTD",
      style: "openai",
      runs: [
        { startedAt: "2025-05-12T12:00:00Z", data: { seed: 9, dash: "dash_mrr25" } },
        { startedAt: "2026-02-10T12:00:00Z", data: { seed: 10, dash: "dash_mrr26" } },
      ],
      play: (r, d, at) => {
        const from = at.startOf("year");
        const random = rng(d.seed);
        r.user("Build an MRR dashboard for this year so far: by plan, and by month.");
        const byPlan = ["Starter", "Growth", "Enterprise"].map((plan) => ({ PLAN: plan, MRR: Math.round(20000 + random() * 90000) }));
        const months: string[] = [];
        for (let m = from; m <= at; m = m.plus({ months: 1 })) months.push(m.toFormat("yyyy-MM"));
        const byMonth = months.map((month) => ({ MONTH: month, MRR: Math.round(150000 + random() * 30000) }));
        r.call(
          "execute_sql",
          { warehouse: "FINANCE_WH", sql: `SELECT plan AS PLAN, sum(mrr_usd) AS MRR FROM finance.subscription_months WHERE month_start >= '${day(from)}' GROUP BY plan ORDER BY MRR DESC` },
          { columns: ["PLAN", "MRR"], rows: byPlan, row_count: byPlan.length },
        );
        r.call(
          "execute_sql",
          { warehouse: "FINANCE_WH", sql: `SELECT to_char(month_start, 'YYYY-MM') AS MONTH, sum(mrr_usd) AS MRR FROM finance.subscription_months WHERE month_start >= '${day(from)}' GROUP BY 1 ORDER BY 1` },
          { columns: ["MONTH", "MRR"], rows: byMonth, row_count: byMonth.length },
        );
        r.call(
          "create_dashboard",
          {
            title: "MRR — year to date",
            charts: [
              { type: "bar", title: "By plan", x: "PLAN", y: "MRR", data: byPlan },
              { type: "line", title: "By month", x: "MONTH", y: "MRR", data: byMonth },
            ],
          },
          { id: d.dash, url: `https://bi.example.com/d/${d.dash}` },
        );
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "orders-by-hour-yesterday-ny",
      about: "yesterday's orders per hour in New York time (run 1 at 02:30 UTC, still the day before there) → dashboard tile with the date in its subtitle",
      label: "Ops daily",
      timeZone: "America/New_York",
      runs: [
        { startedAt: "2025-08-01T02:30:00Z", data: { seed: 11 } },
        { startedAt: "2025-10-14T13:00:00Z", data: { seed: 12 } },
      ],
      play: (r, d, at) => {
        const y = at.minus({ days: 1 }).startOf("day");
        const t = at.startOf("day");
        const ts = (x: DateTime) => x.toFormat("yyyy-MM-dd HH:mm:ss");
        const random = rng(d.seed);
        r.user("Update the ops dashboard's orders-by-hour tile with yesterday's numbers (New York time).");
        const rows = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: String(Math.floor(random() * 140)) }));
        r.call(
          "mcp__postgres__query",
          {
            sql: `SELECT extract(hour FROM created_at AT TIME ZONE 'America/New_York')::int AS hour, count(*) AS orders\nFROM orders\nWHERE (created_at AT TIME ZONE 'America/New_York') >= '${ts(y)}'\n  AND (created_at AT TIME ZONE 'America/New_York') < '${ts(t)}'\nGROUP BY 1 ORDER BY 1`,
          },
          json(rows),
        );
        r.call("update_dashboard_tile", { dashboard_id: "dash_ops_daily", tile_id: "orders_by_hour", subtitle: `${day(y)} (America/New_York)`, data: rows }, { ok: true, updated_at: at.toUTC().toISO() });
      },
      user: () => [],
    }),

    definePair({
      domain: "analytics",
      name: "region-revenue-last-month",
      about: "last month's revenue by country for the region the user named (the region inside SQL and the chart title)",
      label: "Regional revenue",
      runs: [
        { startedAt: "2025-06-09T14:20:00Z", data: { region: "EMEA", countries: ["DE", "FR", "GB", "NL", "ES"], seed: 13, chart: "chr_emea" } },
        { startedAt: "2025-09-18T10:00:00Z", data: { region: "APAC", countries: ["JP", "AU", "SG", "IN"], seed: 14, chart: "chr_apac" } },
      ],
      play: (r, d, at) => {
        const from = at.minus({ months: 1 }).startOf("month");
        const to = at.startOf("month");
        const random = rng(d.seed);
        r.user(`What was revenue for ${d.region} last month, broken down by country? Chart it please.`);
        r.assistant(`Looking up paid revenue for ${d.region} between ${day(from)} and ${day(to)}.`);
        const rows = d.countries.map((country) => ({ country, revenue: numeric(10000 + random() * 50000) }));
        r.call(
          "mcp__postgres__query",
          { sql: `SELECT country, round(sum(amount_cents) / 100.0, 2) AS revenue FROM orders WHERE region = '${d.region}' AND paid_at >= '${day(from)}' AND paid_at < '${day(to)}' GROUP BY country ORDER BY revenue DESC` },
          json(rows),
        );
        r.call("create_chart", { type: "bar", title: `${d.region} revenue by country — last month`, x: "country", y: "revenue", data: rows }, { chart_id: d.chart, url: `https://bi.example.com/c/${d.chart}` });
      },
      user: (d) => [d.region],
    }),

    definePair({
      domain: "analytics",
      name: "refresh-kpi-dashboard-month",
      about: "find the KPI dashboard in a plain-text listing (id = first word of line 1), query this month so far, update it",
      label: "KPI refresh",
      runs: [
        { startedAt: "2025-09-16T07:00:00Z", data: { seed: 15, updated: "2025-08-31" } },
        { startedAt: "2025-12-03T07:00:00Z", data: { seed: 16, updated: "2025-11-30" } },
      ],
      play: (r, d, at) => {
        const from = at.startOf("month");
        const random = rng(d.seed);
        r.user("Refresh the KPI overview dashboard with this month's numbers so far.");
        r.call(
          "list_dashboards",
          { search: "KPI overview" },
          `dsh_7Hq2Lw  KPI overview          owner=finance  updated=${d.updated}\ndsh_9Lm1Xa  KPI overview (old)    owner=finance  updated=2024-12-02\n`,
        );
        const kpis = { NEW_CUSTOMERS: Math.floor(100 + random() * 300), GMV: Math.round(200000 + random() * 90000), AOV: numeric(60 + random() * 40) };
        r.call("execute_sql", { warehouse: "ANALYTICS_WH", sql: `SELECT * FROM analytics.kpi_summary('${day(from)}', current_date)` }, { columns: Object.keys(kpis), rows: [kpis], row_count: 1 });
        r.call("update_dashboard", { dashboard_id: "dsh_7Hq2Lw", period_label: "Month to date", values: kpis }, { ok: true });
      },
      user: () => [],
    }),
  ];
}
