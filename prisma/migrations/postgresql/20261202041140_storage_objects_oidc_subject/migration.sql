-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcSubject" TEXT;

-- CreateTable
CREATE TABLE "StoredObject" (
    "key" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredObject_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "StoredObjectChunk" (
    "key" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "StoredObjectChunk_pkey" PRIMARY KEY ("key","index")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- AddForeignKey
ALTER TABLE "StoredObjectChunk" ADD CONSTRAINT "StoredObjectChunk_key_fkey" FOREIGN KEY ("key") REFERENCES "StoredObject"("key") ON DELETE CASCADE ON UPDATE CASCADE;

