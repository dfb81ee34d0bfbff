"use client";
import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { auditKeys } from "@/lib/queries/audit";

function makeClient(): QueryClient {
  // Every change the API accepts may write an audit event, so no mutation has to remember the log.
  // Not awaited: a mutation does not wait for the log to refetch.
  const mutationCache = new MutationCache({ onSuccess: () => void client.invalidateQueries({ queryKey: auditKeys.all }) });
  const client = new QueryClient({ mutationCache, defaultOptions: { queries: { staleTime: 5_000, retry: false } } });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
