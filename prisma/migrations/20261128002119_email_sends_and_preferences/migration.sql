-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "sendId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailAnnouncements" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "emailNotifications" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "EmailSend" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "audience" JSONB NOT NULL,
    "audienceLabel" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailSend_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailSend_createdAt_idx" ON "EmailSend"("createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_sendId_status_idx" ON "EmailMessage"("sendId", "status");

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_sendId_fkey" FOREIGN KEY ("sendId") REFERENCES "EmailSend"("id") ON DELETE CASCADE ON UPDATE CASCADE;
