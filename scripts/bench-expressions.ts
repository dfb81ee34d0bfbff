// npm run bench:expressions: what evaluating a small transform in an evaluator process costs over
// evaluating it on the server's own thread (what the engine did before expressions were isolated).
// Same expression and data for both; compiled once (both sides cache the compiled expression).
// Reports the median per-evaluation time of 5 rounds of 2,000 sequential evaluations, and the
// first evaluation (it starts the evaluator process).
import jsonata from "jsonata";
import { evaluate } from "../lib/engine/executors/expression";
import { closeExpressionPool } from "../lib/engine/expressions/pool";

const N = 2_000;
const ROUNDS = 5;
const EXPRESSION = "$sum(rows.(price * qty))";
const data = (i: number) => ({ rows: [{ price: 9.5, qty: i % 7 }, { price: 12, qty: 2 }, { price: 1.25, qty: 40 }] });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function perEval(fn: (i: number) => Promise<unknown>) {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn(i);
    rounds.push((performance.now() - t0) / N);
  }
  return +median(rounds).toFixed(4);
}

async function main() {
  const compiled = jsonata(EXPRESSION);
  const inProcess = async (i: number) => {
    const d = data(i);
    const out = await compiled.evaluate(d, { inputs: { expression: EXPRESSION, data: d } });
    return JSON.parse(JSON.stringify(out));
  };
  const isolated = (i: number) => {
    const d = data(i);
    return evaluate(EXPRESSION, d, { expression: EXPRESSION, data: d });
  };
  const t0 = performance.now();
  await isolated(0);
  const firstMs = +(performance.now() - t0).toFixed(1);
  const same = JSON.stringify(await inProcess(3)) === JSON.stringify(await isolated(3));
  const result = {
    expression: EXPRESSION,
    in_process_ms: await perEval(inProcess),
    isolated_ms: await perEval(isolated),
    first_isolated_ms: firstMs,
    same_result: same,
  };
  console.log(JSON.stringify({ ...result, overhead_ms: +(result.isolated_ms - result.in_process_ms).toFixed(4) }, null, 2));
  closeExpressionPool();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
