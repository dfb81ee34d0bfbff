-- AlterTable
ALTER TABLE "trigger" ADD COLUMN     "payloadParameter" TEXT;
