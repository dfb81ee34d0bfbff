// The workload of bench:webhook and of the synchronous-webhook tests, as in the n8n peer
// benchmark: n chained transforms, the first adding 1 to the input's `start`, each next one to
// its upstream output, so the last outputs start + n.
export function addOneChain(n: number) {
  return {
    parameters: [
      { name: "start", type: "number", default: 0 },
      // Makes each delivery's body, hence its signature, unique (the same signed body is a replay).
      { name: "nonce", type: "json", default: null },
    ],
    steps: Array.from({ length: n }, (_, i) => ({
      key: `s${i + 1}`,
      type: "action",
      action_kind: "transform",
      inputs: { expression: "$inputs.n + 1", n: 0 },
      depends_on: i ? [`s${i}`] : [],
      ...(i ? { bindings: [{ input_path: "/n", from_step: `s${i}`, output_path: "" }] } : { parameter_refs: [{ input_path: "/n", parameter: "start" }] }),
    })),
  };
}
