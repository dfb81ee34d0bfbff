-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "title" TEXT;
