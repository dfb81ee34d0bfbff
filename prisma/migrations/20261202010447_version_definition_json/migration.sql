-- AlterTable
ALTER TABLE "automation_version" ALTER COLUMN "definition" SET DATA TYPE JSON;
