-- CreateEnum
CREATE TYPE "AutomationRunStatus" AS ENUM ('queued', 'running', 'waiting_for_approval', 'succeeded', 'failed', 'canceled');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'canceled');

-- CreateEnum
CREATE TYPE "GateStatus" AS ENUM ('pending', 'approved', 'rejected', 'timed_out', 'canceled');

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('schedule', 'webhook', 'event');

-- CreateTable
CREATE TABLE "automation_run" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "automationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "AutomationRunStatus" NOT NULL DEFAULT 'queued',
    "trigger" TEXT NOT NULL,
    "triggerId" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "output" JSONB,
    "error" TEXT,
    "retryOf" TEXT,
    "eventDepth" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "automation_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "step_run" (
    "runId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "inputs" JSONB,
    "output" JSONB,
    "error" TEXT,
    "reused" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "step_run_pkey" PRIMARY KEY ("runId","stepKey")
);

-- CreateTable
CREATE TABLE "approval" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "automationId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "status" "GateStatus" NOT NULL DEFAULT 'pending',
    "message" TEXT NOT NULL DEFAULT '',
    "comment" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "onTimeout" TEXT NOT NULL DEFAULT 'reject',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trigger" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "automationId" TEXT NOT NULL,
    "kind" "TriggerKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cron" TEXT,
    "timezone" TEXT,
    "catchUpSeconds" INTEGER NOT NULL DEFAULT 3600,
    "allowOverlap" BOOLEAN NOT NULL DEFAULT false,
    "nextFireAt" TIMESTAMP(3),
    "lastFiredAt" TIMESTAMP(3),
    "secret" TEXT,
    "eventName" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tool_provider" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "tools" JSONB NOT NULL DEFAULT '[]',
    "refreshedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tool_provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_source" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connectionString" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flashboard" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "charts" JSONB NOT NULL DEFAULT '[]',
    "tables" JSONB NOT NULL DEFAULT '[]',
    "automationId" TEXT,
    "runId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "flashboard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "automation_run_workspaceId_createdAt_id_idx" ON "automation_run"("workspaceId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "automation_run_automationId_createdAt_id_idx" ON "automation_run"("automationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "automation_run_automationId_status_idx" ON "automation_run"("automationId", "status");

-- CreateIndex
CREATE INDEX "approval_workspaceId_status_createdAt_idx" ON "approval"("workspaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "approval_status_expiresAt_idx" ON "approval"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "approval_runId_stepKey_key" ON "approval"("runId", "stepKey");

-- CreateIndex
CREATE INDEX "trigger_automationId_idx" ON "trigger"("automationId");

-- CreateIndex
CREATE INDEX "trigger_kind_enabled_nextFireAt_idx" ON "trigger"("kind", "enabled", "nextFireAt");

-- CreateIndex
CREATE INDEX "trigger_workspaceId_kind_eventName_idx" ON "trigger"("workspaceId", "kind", "eventName");

-- CreateIndex
CREATE UNIQUE INDEX "tool_provider_workspaceId_name_key" ON "tool_provider"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "data_source_workspaceId_name_key" ON "data_source"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "flashboard_workspaceId_slug_key" ON "flashboard"("workspaceId", "slug");

-- AddForeignKey
ALTER TABLE "automation_run" ADD CONSTRAINT "automation_run_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "automation_run" ADD CONSTRAINT "automation_run_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_run" ADD CONSTRAINT "step_run_runId_fkey" FOREIGN KEY ("runId") REFERENCES "automation_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval" ADD CONSTRAINT "approval_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trigger" ADD CONSTRAINT "trigger_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trigger" ADD CONSTRAINT "trigger_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tool_provider" ADD CONSTRAINT "tool_provider_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_source" ADD CONSTRAINT "data_source_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flashboard" ADD CONSTRAINT "flashboard_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
