// The `database` storage transport: an object is a StoredObject row (key, size, SHA-256) and its
// bytes in StoredObjectChunk rows of at most 1 MiB (bytea on PostgreSQL, a BLOB on SQLite), written
// and read one chunk at a time, so a file never has to fit in memory. Until its last chunk is in,
// the row has no hash and reads as missing; a failed write removes what it wrote. The tables are
// ordinary tables: a database backup holds the files too (docs/deploy.md#storage).
import "server-only";
import type { Db } from "@/lib/db";
import { checkExpected, checkKey, hashing, storedFileMissing, toAsyncIterable, verified, type Body, type GetResult, type ObjectStore, type PutResult } from "./index";

export const CHUNK_BYTES = 1024 * 1024;

/** Cuts a stream into pieces of exactly CHUNK_BYTES (the last may be shorter). */
async function* chunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const b of source) {
    parts.push(b);
    held += b.length;
    while (held >= CHUNK_BYTES) {
      const all = Buffer.concat(parts, held);
      yield all.subarray(0, CHUNK_BYTES);
      const rest = all.subarray(CHUNK_BYTES);
      parts = rest.length ? [rest] : [];
      held = rest.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}

export class DatabaseStore implements ObjectStore {
  readonly transport = "database" as const;
  constructor(private readonly database: () => Db) {}

  private async remove(key: string) {
    const d = this.database();
    await d.$transaction([d.storedObjectChunk.deleteMany({ where: { key } }), d.storedObject.deleteMany({ where: { key } })]);
  }

  async put(key: string, body: Body): Promise<PutResult> {
    checkKey(key);
    const d = this.database();
    await this.remove(key);
    // An empty hash marks the object as still being written (read as missing).
    await d.storedObject.create({ data: { key, size: 0, sha256: "" } });
    const h = hashing(toAsyncIterable(body));
    try {
      let index = 0;
      for await (const piece of chunks(h.stream)) {
        await d.storedObjectChunk.create({ data: { key, index, data: new Uint8Array(piece) } });
        index++;
      }
      const { size, sha256 } = h.done();
      await d.storedObject.update({ where: { key }, data: { size, sha256 } });
      return { key, size, sha256 };
    } catch (e) {
      await this.remove(key).catch(() => {});
      throw e;
    }
  }

  async get(key: string, opts: { expectSha256?: string } = {}): Promise<GetResult> {
    checkKey(key);
    const d = this.database();
    const row = await d.storedObject.findUnique({ where: { key } });
    if (!row || !row.sha256) throw storedFileMissing();
    checkExpected(row.sha256, opts.expectSha256);
    async function* read() {
      for (let index = 0; ; index++) {
        const chunk = await d.storedObjectChunk.findUnique({ where: { key_index: { key, index } }, select: { data: true } });
        if (!chunk) return;
        yield Buffer.from(chunk.data);
      }
    }
    return { size: row.size, sha256: row.sha256, stream: verified(read(), row.size, row.sha256) };
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.remove(key);
  }

  async exists(key: string): Promise<boolean> {
    checkKey(key);
    const row = await this.database().storedObject.findUnique({ where: { key }, select: { sha256: true } });
    return Boolean(row?.sha256);
  }
}
