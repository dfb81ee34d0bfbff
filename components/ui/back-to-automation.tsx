"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { automationQuery } from "@/lib/queries/automations";

/**
 * The way back to the automation whose blocker sent the user here (?from=<id>), named once it is
 * known, and kept once the page drops the query string. An id of another workspace's automation
 * answers 404 and the link stays unnamed.
 */
export function BackToAutomation({ from }: { from?: string }) {
  const [id] = useState(from);
  return id ? <BackLink id={id} /> : null;
}

function BackLink({ id }: { id: string }) {
  const a = useQuery(automationQuery(id));
  return (
    <Link href={`/automations/${id}`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      <ArrowLeft className="size-4" aria-hidden /> Back to {a.data ? a.data.name : "the automation"}
    </Link>
  );
}
