// Reads the document sent to POST /api/v1/verify: the PDF as the raw body, or the multipart field
// `file`. Bytes are counted while they arrive (lib/http/body.ts) so an oversized upload is refused
// with 413 without being held in memory.
import Busboy from "busboy";
import { AppError } from "@/lib/errors";
import { BODY_LIMITS, MULTIPART_OVERHEAD, formatBytes, limitedBodyStream, readBodyBytes, tooLarge } from "@/lib/http/body";

/** A certificate the portal makes is under 200 KB; this leaves room for re-saved copies. */
export const VERIFY_MAX_BYTES = BODY_LIMITS.verifyPdf;

const WHAT = "The file";
// Every refusal carries its code (workflows/errors.ts), which the verify page shows in the reader's language.
const noFile = () =>
  new AppError("INVALID_INPUT", "Send the certificate PDF (as the body, or as the multipart field \"file\")", { file: "required" }, { reason: "FILE_REQUIRED", fields: { file: { reason: "FILE_REQUIRED", params: {} } } });
const badMultipart = () => new AppError("INVALID_INPUT", "The multipart body is not valid", { _: "bad multipart", reason: "BAD_MULTIPART" });
/** The body's 413 (lib/http/body.ts), with the code that names the limit. */
const fileTooLarge = (e: AppError, max: number) =>
  new AppError(e.code, e.message, e.details, { reason: "FILE_TOO_LARGE", params: { limit: formatBytes(max) } });

function readMultipart(req: Request, contentType: string, max: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: { "content-type": contentType }, limits: { fileSize: max, files: 1, fields: 10, fieldSize: 1024, parts: 20 } });
    } catch {
      reject(badMultipart());
      return;
    }
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(e instanceof AppError ? e : badMultipart());
    };
    let file: Promise<Buffer> | null = null;
    bb.on("file", (field, stream) => {
      if (field !== "file" || file) {
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
        stream.on("end", () => (truncated ? rej(tooLarge(max, WHAT)) : res(Buffer.concat(chunks))));
        stream.on("error", rej);
      });
      file.catch(() => {}); // settled through `close` or `fail`
    });
    bb.on("error", fail);
    bb.on("close", () => {
      if (settled) return;
      settled = true;
      if (!file) reject(noFile());
      else file.then(resolve, reject);
    });
    let body;
    try {
      body = limitedBodyStream(req, max + MULTIPART_OVERHEAD, WHAT);
    } catch (e) {
      fail(e);
      return;
    }
    body.on("error", (e) => {
      fail(e);
      bb.destroy();
    });
    body.pipe(bb);
  });
}

export async function readPdfUpload(req: Request, max: number = VERIFY_MAX_BYTES): Promise<Buffer> {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  const raw = contentType.startsWith("application/pdf") || contentType.startsWith("application/octet-stream");
  if (!multipart && !raw) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the PDF as application/pdf, or as multipart/form-data with the field \"file\"", undefined, { reason: "PDF_CONTENT_TYPE" });
  }
  if (!req.body) throw noFile();
  let pdf: Buffer;
  try {
    pdf = multipart ? await readMultipart(req, req.headers.get("content-type")!, max) : await readBodyBytes(req, max, WHAT);
  } catch (e) {
    if (e instanceof AppError && e.code === "PAYLOAD_TOO_LARGE" && !e.reason) throw fileTooLarge(e, max);
    throw e;
  }
  if (pdf.length === 0) throw noFile();
  return pdf;
}
