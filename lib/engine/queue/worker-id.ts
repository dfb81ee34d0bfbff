import { hostname } from "node:os";
import { randomToken } from "../../ids";

/**
 * This process, as the owner of the run leases it holds. On globalThis: Next loads this module
 * once for the engine (instrumentation) and again for the routes, and a run a route creates
 * leased to this process must name the owner the engine writes as.
 */
export const WORKER_ID: string = ((globalThis as { __czWorkerId?: string }).__czWorkerId ??= `${hostname()}:${process.pid}:${randomToken(6)}`);
