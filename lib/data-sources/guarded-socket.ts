import net from "node:net";
import ipaddr from "ipaddr.js";
import { addressProblem, guardedLookup, type EgressPolicy } from "../security/egress";

/**
 * A socket factory for pg's `stream` option: every connection a data source makes goes through the
 * workspace's egress policy, names at DNS lookup time and IP literals before connecting.
 */
export function guardedStream(policy: EgressPolicy) {
  return () => new GuardedSocket(policy);
}

class GuardedSocket extends net.Socket {
  constructor(private readonly policy: EgressPolicy) {
    super();
  }

  // pg calls connect(port, host) for TCP, and connect(path) for a unix socket.
  override connect(...args: unknown[]): this {
    const [port, host] = args;
    if (typeof port !== "number" && !(typeof port === "string" && /^\d+$/.test(port))) {
      process.nextTick(() => this.destroy(new Error("data sources connect over TCP only")));
      return this;
    }
    const h = typeof host === "string" ? host : "localhost";
    if (ipaddr.isValid(h)) {
      const problem = addressProblem(h, this.policy);
      if (problem) {
        process.nextTick(() =>
          this.destroy(new Error(`${h} is refused: ${problem}. Add it to the workspace's egress allow-list (Settings → Security), within what the operator permits, to reach it`)),
        );
        return this;
      }
    }
    return super.connect({ port: Number(port), host: h, lookup: guardedLookup(this.policy) });
  }
}
