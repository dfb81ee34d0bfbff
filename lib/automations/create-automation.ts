import type { DbClient } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { presentAutomation } from "./present";
import type { TDefinition } from "./schemas";
import { contentHash, normalizeDefinition } from "./validate-definition";

/** Creates an automation with its version 1. Takes a transaction client so callers can add writes. */
export async function createAutomation(
  tx: DbClient,
  input: {
    workspaceId: string;
    name: string;
    description?: string;
    definition: TDefinition;
    author: string;
    message?: string;
    sourceType?: "MANUAL" | "CRYSTALLIZED";
    sourceId?: string;
    crystallization?: unknown;
  },
) {
  const definition = normalizeDefinition(input.definition);
  const automation = await tx.automation.create({
    data: {
      id: newId("auto"),
      workspaceId: input.workspaceId,
      name: input.name,
      description: input.description ?? "",
      sourceType: input.sourceType ?? "MANUAL",
      sourceId: input.sourceId,
      crystallization: input.crystallization as Prisma.InputJsonValue | undefined,
    },
  });
  const version = await tx.automationVersion.create({
    data: {
      id: newId("ver"),
      automationId: automation.id,
      version: 1,
      definition: definition as Prisma.InputJsonValue,
      contentHash: contentHash(definition),
      message: input.message ?? (input.sourceType === "CRYSTALLIZED" ? "Crystallized" : "Created"),
      author: input.author,
    },
  });
  return presentAutomation(automation, version);
}
