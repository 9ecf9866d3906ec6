// Reads the document sent to POST /api/v1/verify: the PDF as the raw body, or the multipart field
// `file`. Bytes are counted while they arrive so an oversized upload is refused without being
// held in memory.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import Busboy from "busboy";
import { AppError } from "@/lib/errors";

export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;
// Room for the multipart boundaries and part headers around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (max: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${Math.round(max / (1024 * 1024))} MB; a certificate PDF is far smaller`, {
    maxBytes: max,
  });
const noFile = () => new AppError("INVALID_INPUT", "Send the certificate PDF (as the body, or as the multipart field \"file\")", { file: "required" });

async function readRaw(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function readMultipart(body: ReadableStream<Uint8Array>, contentType: string, max: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: { "content-type": contentType }, limits: { fileSize: max, files: 1, fields: 10, fieldSize: 1024 } });
    } catch {
      reject(new AppError("INVALID_INPUT", "The multipart body is not valid", { _: "bad multipart" }));
      return;
    }
    let file: Promise<Buffer> | null = null;
    bb.on("file", (field, stream) => {
      if (field !== "file") {
        stream.resume();
        return;
      }
      file = new Promise<Buffer>((res, rej) => {
        const chunks: Buffer[] = [];
        let truncated = false;
        stream.on("limit", () => (truncated = true));
        stream.on("data", (c: Buffer) => {
          if (!truncated) chunks.push(c);
        });
        stream.on("end", () => (truncated ? rej(tooLarge(max)) : res(Buffer.concat(chunks))));
        stream.on("error", rej);
      });
    });
    bb.on("error", () => reject(new AppError("INVALID_INPUT", "The multipart body is not valid", { _: "bad multipart" })));
    bb.on("close", () => {
      if (!file) reject(noFile());
      else file.then(resolve, reject);
    });
    Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>).on("error", reject).pipe(bb);
  });
}

export async function readPdfUpload(req: Request, max = VERIFY_MAX_BYTES): Promise<Buffer> {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  const raw = contentType.startsWith("application/pdf") || contentType.startsWith("application/octet-stream");
  if (!multipart && !raw) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the PDF as application/pdf, or as multipart/form-data with the field \"file\"");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max + (multipart ? MULTIPART_OVERHEAD : 0)) throw tooLarge(max);
  if (!req.body) throw noFile();
  const pdf = multipart ? await readMultipart(req.body, req.headers.get("content-type")!, max) : await readRaw(req.body, max);
  if (pdf.length === 0) throw noFile();
  return pdf;
}
