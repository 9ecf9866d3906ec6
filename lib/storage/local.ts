// The `local` storage transport: each object is a file under the root directory (ZHIJI_DATA_DIR by
// default) at its key, the layout evidence always had (evidence/<case>/<name>), with its SHA-256 in
// a file beside it (<name>.sha256). A file written before this transport existed has no such file:
// it is read only when the caller gives the hash it recorded (the evidence row's), as downloads do.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkExpected, checkKey, hashing, storedFileCorrupt, storedFileMissing, toAsyncIterable, verified, type Body, type GetResult, type ObjectStore, type PutResult } from "./index";

const SIDECAR = ".sha256";

export class LocalStore implements ObjectStore {
  readonly transport = "local" as const;
  constructor(readonly root: string) {}

  private file(key: string): string {
    checkKey(key);
    if (key.endsWith(SIDECAR)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Body): Promise<PutResult> {
    const file = this.file(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Written beside its final name, then renamed: a reader never sees half a file under the key.
    const partial = `${file}.partial-${crypto.randomBytes(6).toString("hex")}`;
    const h = hashing(toAsyncIterable(body));
    const out = fs.createWriteStream(partial, { flags: "wx" });
    try {
      await pipeline(Readable.from(h.stream), out);
      const { size, sha256 } = h.done();
      await fs.promises.writeFile(file + SIDECAR, sha256 + "\n");
      await fs.promises.rename(partial, file);
      return { key, size, sha256 };
    } catch (e) {
      // A body that fails at once can fail while the stream is still opening its file: wait until
      // the stream has closed it, or the file would appear after it was removed.
      if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
      await fs.promises.rm(partial, { force: true });
      throw e;
    }
  }

  async get(key: string, opts: { expectSha256?: string } = {}): Promise<GetResult> {
    const file = this.file(key);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      throw storedFileMissing();
    }
    if (!stat.isFile()) throw storedFileMissing();
    const recorded = (await fs.promises.readFile(file + SIDECAR, "utf8").catch(() => "")).trim() || opts.expectSha256;
    // No hash recorded anywhere: the file cannot be checked, so it is not served.
    if (!recorded || !/^[0-9a-f]{64}$/.test(recorded)) throw storedFileCorrupt();
    checkExpected(recorded, opts.expectSha256);
    return { size: stat.size, sha256: recorded, stream: verified(fs.createReadStream(file), stat.size, recorded) };
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await fs.promises.rm(file, { force: true });
    await fs.promises.rm(file + SIDECAR, { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.promises.stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }
}
