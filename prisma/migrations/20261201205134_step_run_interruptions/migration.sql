-- AlterTable
ALTER TABLE "step_run" ADD COLUMN     "interruptions" INTEGER NOT NULL DEFAULT 0;
