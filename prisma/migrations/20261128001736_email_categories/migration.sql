-- CreateEnum
CREATE TYPE "EmailCategory" AS ENUM ('SECURITY', 'NOTIFICATION', 'ANNOUNCEMENT');

-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'SUPPRESSED';

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "category" "EmailCategory" NOT NULL DEFAULT 'SECURITY',
ADD COLUMN     "headers" JSONB,
ADD COLUMN     "userId" TEXT;
