// The demo warehouse: an in-memory PostgreSQL (PGlite) with a `sales` schema, in a worker thread
// so that a runaway query can be stopped by terminating the thread (PGlite ignores
// statement_timeout). Plain JavaScript, because worker threads load files directly.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

// Exact figures for the previous quarter's months (offsets from the current quarter's first
// month), so the demo run's recorded results (lib/demo/demo-data.ts) replay as equal. The data is
// laid out around the current quarter, which the pool passes in (lib/demo/demo-calendar.ts).
const TARGETS = {
  [-3]: { orders: 1204, revenueCents: 18234050 },
  [-2]: { orders: 1133, revenueCents: 17521025 },
  [-1]: { orders: 1391, revenueCents: 20187700 },
};
/** Fifteen months before the current quarter, and its three months. */
const FIRST_MONTH = -15;
const LAST_MONTH = 2;
const REGIONS = ["North America", "Europe", "Asia Pacific", "Latin America"];
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Noah", "Olga", "Pavel"];
const LAST = ["Smith", "Garcia", "Chen", "Okafor", "Novak", "Silva", "Kim", "Müller", "Rossi", "Haddad", "Berg", "Patel"];
const PRODUCTS = [
  ["Trail Runner Shoes", "Footwear", 12900], ["City Sneakers", "Footwear", 8900], ["Rain Jacket", "Apparel", 15900],
  ["Merino Tee", "Apparel", 4900], ["Daypack 20L", "Bags", 7900], ["Travel Duffel", "Bags", 11900],
  ["Water Bottle", "Accessories", 1900], ["Headlamp", "Accessories", 3500], ["Camp Stove", "Gear", 6900], ["Tent 2P", "Gear", 32900],
];

// Deterministic, so every process sees the same warehouse.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(quarterStart) {
  const rand = prng(20250401);
  const [qy, qm] = [quarterStart.getUTCFullYear(), quarterStart.getUTCMonth()];
  const now = Date.now();
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const customers = [];
  for (let id = 1; id <= 2000; id++) {
    const first = pick(FIRST), last = pick(LAST);
    const created = new Date(Date.UTC(qy, qm - 27, 1) + Math.floor(rand() * 730) * 86400000);
    const churned = rand() < 0.12 ? new Date(created.getTime() + Math.floor(rand() * 600) * 86400000) : null;
    customers.push([id, `${first} ${last}`, `${first}.${last}.${id}@example.com`.toLowerCase(), pick(REGIONS), created.toISOString(), churned?.toISOString() ?? null]);
  }
  const orders = [];
  let orderId = 1;
  for (let m = FIRST_MONTH; m <= LAST_MONTH; m++) {
    const first = new Date(Date.UTC(qy, qm + m, 1));
    const year = first.getUTCFullYear(), month = first.getUTCMonth();
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const target = TARGETS[m];
    const count = target?.orders ?? 950 + Math.floor(rand() * 500);
    const monthOrders = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.UTC(year, month, 1 + Math.floor(rand() * days), Math.floor(rand() * 24), Math.floor(rand() * 60)));
      const r = rand();
      const status = r < 0.04 ? "cancelled" : r < 0.06 ? "refunded" : r < 0.3 ? "shipped" : "completed";
      const cents = 1900 + Math.floor(rand() * rand() * 30000);
      const customer = 1 + Math.floor(rand() * customers.length);
      const product = pick(PRODUCTS)[0];
      // Nothing is ordered in the future (the targets lie in the past, so they stay whole).
      if (at.getTime() <= now) monthOrders.push([orderId++, customer, at.toISOString(), status, cents, product]);
    }
    if (target) {
      // Spread the difference to the target over the counted orders, a cent-exact total.
      const counted = monthOrders.filter((o) => o[3] !== "cancelled");
      let diff = target.revenueCents - counted.reduce((s, o) => s + o[4], 0);
      const share = Math.trunc(diff / counted.length);
      for (const o of counted) o[4] += share;
      diff -= share * counted.length;
      counted[0][4] += diff;
    }
    orders.push(...monthOrders);
  }
  return { customers, orders };
}

const lit = (v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

const PARSERS = { [types.NUMERIC]: Number, [types.INT8]: Number };

async function build() {
  const db = new PGlite({ parsers: PARSERS });
  const { customers, orders } = generate(new Date(workerData?.quarterStart ?? Date.now()));
  await db.exec(`
    CREATE SCHEMA sales;
    CREATE TABLE sales.customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, region text NOT NULL, created_at timestamptz NOT NULL, churned_at timestamptz);
    CREATE TABLE sales.products (id serial PRIMARY KEY, name text NOT NULL UNIQUE, category text NOT NULL, price numeric(10,2) NOT NULL);
    CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES sales.customers, ordered_at timestamptz NOT NULL, status text NOT NULL, total_amount numeric(12,2) NOT NULL, product text NOT NULL);
    CREATE INDEX ON sales.orders (ordered_at);
  `);
  await db.exec(`INSERT INTO sales.products (name, category, price) VALUES ${PRODUCTS.map(([n, c, p]) => `(${lit(n)}, ${lit(c)}, ${p / 100})`).join(",")}`);
  for (let i = 0; i < customers.length; i += 1000)
    await db.exec(`INSERT INTO sales.customers VALUES ${customers.slice(i, i + 1000).map((c) => `(${c.map(lit).join(",")})`).join(",")}`);
  for (let i = 0; i < orders.length; i += 1000)
    await db.exec(
      `INSERT INTO sales.orders VALUES ${orders
        .slice(i, i + 1000)
        .map(([id, cust, at, status, cents, product]) => `(${id},${cust},${lit(at)},${lit(status)},${(cents / 100).toFixed(2)},${lit(product)})`)
        .join(",")}`,
    );
  await db.exec("ANALYZE");
  // Steps' SQL runs as `reader`, which may only read the sales schema: PostgreSQL then refuses what
  // reaches the server (COPY TO PROGRAM, pg_read_file, lo_import). The session user stays the
  // superuser (PGlite cannot log in as another role), so what could switch the role back from
  // inside a query is taken from everyone; statements other than queries never reach here.
  await db.exec(`
    CREATE ROLE reader NOLOGIN;
    GRANT USAGE ON SCHEMA sales TO reader;
    GRANT SELECT ON ALL TABLES IN SCHEMA sales TO reader;
    REVOKE EXECUTE ON FUNCTION set_config(text, text, boolean) FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION query_to_xml(text, boolean, boolean, text), query_to_xmlschema(text, boolean, boolean, text),
      query_to_xml_and_xmlschema(text, boolean, boolean, text) FROM PUBLIC;
    REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
  `);
  return db;
}

// Building takes seconds of CPU (tens on a busy machine), so the first thread shares a copy of
// its data directory, and the threads after it (a second one, a replacement for a killed one)
// start from that copy.
async function open() {
  const db = workerData?.dump ? new PGlite({ loadDataDir: new Blob([workerData.dump]), parsers: PARSERS }) : await build();
  await db.exec("SET ROLE reader");
  return db;
}

async function share(db) {
  const dump = await (await db.dumpDataDir("none")).arrayBuffer();
  parentPort.postMessage({ dump }, [dump]);
}

const ready = open();
let chain = Promise.resolve();

ready.then((db) => {
  parentPort.postMessage({ ready: true });
  if (!workerData?.dump) chain = chain.then(() => share(db)).catch(() => {});
});

parentPort.on("message", ({ id, sql, params, maxRows }) => {
  // One connection: queries take turns, each in its own read-only transaction.
  chain = chain.then(async () => {
    const db = await ready;
    try {
      // SELECT 1 takes the first snapshot, after which the transaction cannot be made read-write.
      await db.exec("BEGIN READ ONLY; SET LOCAL ROLE reader; SELECT 1");
      parentPort.postMessage({ started: id });
      const res = await db.query(sql, params ?? []);
      const rows = res.rows.slice(0, maxRows);
      parentPort.postMessage({ id, result: { columns: res.fields.map((f) => f.name), rows, row_count: res.rows.length, ...(res.rows.length > rows.length ? { truncated: true } : {}) } });
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    } finally {
      // Session-level locks survive a rollback; the next query, maybe another workspace's, starts clean.
      await db.exec("ROLLBACK; SELECT pg_advisory_unlock_all()").catch(() => {});
    }
  });
});
