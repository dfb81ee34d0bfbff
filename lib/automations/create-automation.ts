import type { DbClient } from "../db";
import { newId } from "../ids";
import { type PreparedDefinition, prepareDefinition } from "./prepare-definition";
import { presentAutomation } from "./present";
import { resolveReviewerNames } from "./resolve-reviewer-names";
import { ZDefinition, type TDefinition } from "./schemas";

type Fields = {
  workspaceId: string;
  name: string;
  description?: string;
  author: string;
  message?: string;
  sourceType?: "MANUAL" | "CRYSTALLIZED";
  sourceId?: string;
  /** The crystallization report, as JSON text (rendered on a worker thread with the draft). */
  crystallizationJson?: string;
};

/** Creates an automation with its version 1. Takes a transaction client so callers can add writes. */
export async function createAutomation(tx: DbClient, input: Fields & { definition: TDefinition }) {
  const { definition, ...prepared } = prepareDefinition(input.definition);
  const { automation, version } = await insertAutomation(tx, { ...input, definition: prepared });
  const parsed = ZDefinition.parse(definition);
  return presentAutomation(automation, { ...version, definition: parsed }, await resolveReviewerNames(tx, { workspaceId: input.workspaceId, definition: parsed }));
}

/**
 * The rows of createAutomation for a definition prepared already (a crystallized draft is
 * prepared on a worker thread). The definition is written as the JSON text it arrives as: handing
 * Prisma a draft of 10,000 steps as an object cost the server's thread most of a second.
 * Returns the rows; the version without its definition.
 */
export async function insertAutomation(tx: DbClient, input: Fields & { definition: PreparedDefinition }) {
  const automation = await tx.automation.create({
    data: {
      id: newId("auto"),
      workspaceId: input.workspaceId,
      name: input.name,
      description: input.description ?? "",
      sourceType: input.sourceType ?? "MANUAL",
      sourceId: input.sourceId,
    },
  });
  // As text, like the definition below: a long run's report is megabytes.
  if (input.crystallizationJson !== undefined)
    await tx.$executeRaw`UPDATE automation SET crystallization = ${input.crystallizationJson}::jsonb WHERE id = ${automation.id}`;
  const versionId = newId("ver");
  const message = input.message ?? (input.sourceType === "CRYSTALLIZED" ? "Crystallized" : "Created");
  await tx.$executeRaw`
    INSERT INTO automation_version (id, "automationId", version, definition, "contentHash", message, author, "createdAt")
    VALUES (${versionId}, ${automation.id}, 1, ${input.definition.json}::json, ${input.definition.contentHash}, ${message}, ${input.author}, now() AT TIME ZONE 'UTC')`;
  const version = await tx.automationVersion.findUniqueOrThrow({ where: { id: versionId }, omit: { definition: true } });
  return { automation, version };
}
