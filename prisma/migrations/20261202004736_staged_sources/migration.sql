-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "staged" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "chat_thread" ADD COLUMN     "staged" BOOLEAN NOT NULL DEFAULT false;
