// Evidence through the storage transports (docs/deploy.md#storage): an upload streams into the
// configured store and a download streams out of it checked against the evidence row's SHA-256;
// a file changed behind the portal's back is not served whole; a file stored before the .sha256
// files existed is still served, checked against its row.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { env, resetEnvCache } from "@/lib/env";
import { openEvidence, uploadEvidence, evidenceKey } from "./evidence";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 300_000);
afterEach(() => {
  delete process.env.ZHIJI_STORAGE_URL;
  resetEnvCache();
});
afterAll(async () => t?.drop());

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
/** A PDF a little over 2 MiB, so the database transport stores three chunks. */
const bigPdf = () => Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(2 * 1024 * 1024 + 99), Buffer.from("\n%%EOF\n")]);

function upload(body: Buffer) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(body)], { type: "application/pdf" }), "report.pdf");
  return new Request("http://localhost/api/v1/cases/x/evidence", { method: "POST", body: form });
}

async function download(caseId: string, evidenceId: string): Promise<Buffer> {
  const { stream } = await openEvidence(w.users.lab1, caseId, evidenceId);
  const parts: Buffer[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(Buffer.from(value as Uint8Array));
  }
  return Buffer.concat(parts);
}

describe(`evidence through the storage transports (${DB})`, () => {
  it.each(["local", "database"])("%s: uploaded, listed with its hash, downloaded byte for byte; tampered, refused", async (transport) => {
    process.env.ZHIJI_STORAGE_URL = transport;
    resetEnvCache();
    const caseId = await caseIn(w, "testing");
    const body = bigPdf();
    const ev = await uploadEvidence(w.users.lab1, caseId, upload(body));
    expect({ size: ev.size, sha256: ev.sha256, mime: ev.mime }).toEqual({ size: body.length, sha256: sha(body), mime: "application/pdf" });
    expect((await download(caseId, ev.id)).equals(body)).toBe(true);

    if (transport === "local") {
      const file = path.join(env().dataDir, ...evidenceKey(ev.storedName).split("/"));
      const b = fs.readFileSync(file);
      b[100] ^= 1;
      fs.writeFileSync(file, b);
    } else {
      const key = evidenceKey(ev.storedName);
      const chunk = await db().storedObjectChunk.findUniqueOrThrow({ where: { key_index: { key, index: 0 } } });
      const b = Buffer.from(chunk.data);
      b[100] ^= 1;
      await db().storedObjectChunk.update({ where: { key_index: { key, index: 0 } }, data: { data: new Uint8Array(b) } });
    }
    await expect(download(caseId, ev.id)).rejects.toMatchObject({ reason: "STORED_FILE_CORRUPT" });
  });

  it("local: a file stored before the .sha256 files existed is served, checked against its row", async () => {
    const caseId = await caseIn(w, "testing");
    const body = Buffer.from("%PDF-1.4\n% stored by an earlier version\n%%EOF\n");
    const ev = await uploadEvidence(w.users.lab1, caseId, upload(body));
    const file = path.join(env().dataDir, ...evidenceKey(ev.storedName).split("/"));
    fs.rmSync(file + ".sha256");
    expect((await download(caseId, ev.id)).equals(body)).toBe(true);
    // The row's hash no longer matching the file: the download breaks off.
    await db().evidence.update({ where: { id: ev.id }, data: { sha256: sha(Buffer.from("other")) } });
    await expect(download(caseId, ev.id)).rejects.toMatchObject({ reason: "STORED_FILE_CORRUPT" });
    // With its .sha256 file, a row that disagrees is refused before the first byte.
    fs.writeFileSync(file + ".sha256", sha(body) + "\n");
    await expect(openEvidence(w.users.lab1, caseId, ev.id)).rejects.toMatchObject({ reason: "STORED_FILE_CORRUPT" });
    fs.rmSync(file);
    await db().evidence.update({ where: { id: ev.id }, data: { sha256: sha(body) } });
    await expect(openEvidence(w.users.lab1, caseId, ev.id)).rejects.toMatchObject({ reason: "STORED_FILE_MISSING" });
  });

  it("database: an upload refused for its type leaves no object behind", async () => {
    process.env.ZHIJI_STORAGE_URL = "database";
    resetEnvCache();
    const caseId = await caseIn(w, "testing");
    const before = await db().storedObject.count();
    await expect(uploadEvidence(w.users.lab1, caseId, upload(crypto.randomBytes(3000)))).rejects.toMatchObject({ reason: "EVIDENCE_TYPE_NOT_ACCEPTED" });
    expect(await db().storedObject.count()).toBe(before);
  });
});
