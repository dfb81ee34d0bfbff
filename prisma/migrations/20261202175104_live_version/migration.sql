-- AlterTable
ALTER TABLE "automation" ADD COLUMN     "liveVersion" INTEGER;

-- An automation that triggers could run before drafts existed ran its newest version: that stays live.
UPDATE "automation" SET "liveVersion" = "currentVersion" WHERE "status" IN ('active', 'paused');
