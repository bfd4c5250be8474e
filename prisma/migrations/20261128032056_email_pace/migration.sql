-- CreateTable
CREATE TABLE "EmailPace" (
    "id" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "EmailPace_pkey" PRIMARY KEY ("id")
);
