-- AlterTable
ALTER TABLE "automation_run" ADD COLUMN     "logicalTime" TIMESTAMP(3);
