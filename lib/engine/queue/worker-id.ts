import { hostname } from "node:os";
import { randomToken } from "../../ids";

/** This process, as the owner of the run leases it holds. */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomToken(6)}`;
