-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "email" TEXT;
