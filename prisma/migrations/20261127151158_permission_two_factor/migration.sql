-- AlterTable
ALTER TABLE "Permission" ADD COLUMN     "requiresTwoFactor" BOOLEAN NOT NULL DEFAULT false;
