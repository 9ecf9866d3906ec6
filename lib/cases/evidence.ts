// Evidence files: streamed into the configured storage (lib/storage: local files, database chunks
// or S3) under a server-made key while hashing, size-limited, typed by their content (not their
// name), and readable only by those who may see the case; every read is checked against the
// SHA-256 recorded at upload.
import "server-only";
import path from "node:path";
import crypto from "node:crypto";
import { Readable, Transform, pipeline } from "node:stream";
import Busboy from "busboy";
import { fileTypeFromBuffer } from "file-type";
import { db } from "@/lib/db";
import { AppError, domainError } from "@/lib/errors";
import { storage, type ObjectStore } from "@/lib/storage";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { BODY_LIMITS, MULTIPART_OVERHEAD, limitedBodyStream, tooLarge } from "@/lib/http/body";
import { loadVisibleCase } from "./load-case";

export const EVIDENCE_MAX_BYTES = BODY_LIMITS.evidence;
const BINARY_TYPES = new Set(["application/pdf", "image/png", "image/jpeg", "application/zip"]);
export const EVIDENCE_TYPES_TEXT = "PDF, PNG, JPEG, CSV, JSON or a ZIP of logs";

/** The storage key of an evidence row's file: evidence/<case>/<name>, the layout under ZHIJI_DATA_DIR. */
export const evidenceKey = (storedName: string) => `evidence/${storedName}`;

/** How much of the start of an upload is kept in memory to tell its type (a JSON file up to this size is parsed whole). */
const HEAD_BYTES = 2 * 1024 * 1024;

/** Text files have no magic number: accept UTF-8 that parses as JSON, or looks like CSV. `start` is the file's first HEAD_BYTES. */
function sniffText(start: Buffer, size: number): string | null {
  try {
    const head = start.subarray(0, Math.min(size, 64 * 1024));
    if (head.includes(0)) return null;
    const text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: size > head.length });
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      // Parsing is synchronous: only files up to 2 MB are parsed whole; a larger one is judged by its start.
      if (size > HEAD_BYTES) return "application/json";
      try {
        JSON.parse(start.toString("utf8"));
        return "application/json";
      } catch {
        return null;
      }
    }
    const lines = trimmed.split(/\r?\n/).filter((l) => l.length > 0);
    if (lines.length > 0 && lines[0].includes(",")) return "text/csv";
    return null;
  } catch {
    return null; // not UTF-8
  }
}

type Saved = { originalName: string; size: number; sha256: string; truncated: boolean; head: Buffer };

const badMultipart = () => new AppError("INVALID_INPUT", "The multipart body is not valid", { _: "bad multipart", reason: "BAD_MULTIPART" });

/**
 * Streams the first part named `file` into the store under `key` (which hashes it), keeping its
 * first HEAD_BYTES to tell its type. The part stops at EVIDENCE_MAX_BYTES (then `truncated`); the
 * whole body stops at that plus the multipart overhead (413), so extra parts cannot make the server
 * read on. Null when no file part came.
 */
function receiveFile(req: Request, contentType: string, store: ObjectStore, key: string): Promise<Saved | null> {
  return new Promise<Saved | null>((resolve, reject) => {
    let settled = false;
    let bb: Busboy.Busboy | undefined;
    let result: Promise<Saved> | null = null;
    // Stop the parser (which ends the file part) and let the store's write settle, so the caller can delete the object.
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      const error = e instanceof AppError ? e : badMultipart();
      bb?.destroy();
      const pending: Promise<unknown> = result ?? Promise.resolve();
      pending.then(
        () => reject(error),
        () => reject(error),
      );
    };
    try {
      bb = Busboy({ headers: { "content-type": contentType }, limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 20, fieldSize: 4096, parts: 40 } });
    } catch {
      fail(badMultipart());
      return;
    }
    bb.on("file", (field, stream, info) => {
      if (field !== "file" || result) {
        stream.resume();
        return;
      }
      const head: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      stream.on("limit", () => (truncated = true));
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          if (kept < HEAD_BYTES) {
            const part = chunk.subarray(0, HEAD_BYTES - kept);
            head.push(Buffer.from(part));
            kept += part.length;
          }
          cb(null, chunk);
        },
      });
      // pipeline destroys the meter (so the store's write fails and removes what it wrote) when the part errors or breaks off.
      result = store.put(key, pipeline(stream, meter, () => {})).then((put) => ({
        originalName: path.basename(info.filename || "evidence"),
        size: put.size,
        sha256: put.sha256,
        truncated,
        head: Buffer.concat(head, kept),
      }));
      result.catch(() => {}); // settled through `close` or `fail`
    });
    bb.on("error", fail);
    bb.on("close", () => {
      if (settled) return;
      if (!result) {
        settled = true;
        resolve(null);
        return;
      }
      result.then(
        (r) => {
          if (settled) return;
          settled = true;
          resolve(r);
        },
        (e) => fail(e),
      );
    });
    let body;
    try {
      body = limitedBodyStream(req, EVIDENCE_MAX_BYTES + MULTIPART_OVERHEAD, "The upload");
    } catch (e) {
      fail(e);
      return;
    }
    body.on("error", fail);
    body.pipe(bb);
  });
}

/**
 * Who adds evidence, and when (docs/domain.md#due-process): the assigned lab while the case is in
 * testing (its test evidence), the case's vendor while it is suspended (corrective evidence, which
 * REINSTATE cites). The purpose follows from who uploads.
 */
function evidencePurpose(user: SessionUser, row: { organizationId: string; labOrgId: string | null; state: string }): "lab_report" | "corrective" {
  if (user.role === "vendor") {
    if (row.organizationId !== user.organizationId) throw domainError("NOT_CASE_VENDOR");
    if (row.state !== "suspended") throw domainError("EVIDENCE_NOT_NOW", { state: row.state });
    return "corrective";
  }
  if (row.labOrgId !== user.organizationId) throw domainError("LAB_NOT_ASSIGNED");
  if (row.state !== "testing") throw domainError("EVIDENCE_NOT_NOW", { state: row.state });
  return "lab_report";
}

export async function uploadEvidence(user: SessionUser, caseId: string, req: Request) {
  assertCan(user, "evidence:upload");
  const row = await loadVisibleCase(db(), user, caseId);
  const purpose = evidencePurpose(user, row);
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    throw domainError("MULTIPART_REQUIRED");
  }
  if (!req.body) throw domainError("FILE_REQUIRED", {}, { fields: { file: { reason: "FILE_REQUIRED", params: {} } } });

  const store = await storage();
  const storedName = `${caseId}/${Date.now()}-${crypto.randomBytes(12).toString("hex")}`;
  const key = evidenceKey(storedName);
  const discard = () => store.delete(key).catch(() => {});

  let saved: Saved | null;
  try {
    saved = await receiveFile(req, contentType, store, key);
  } catch (e) {
    await discard();
    throw e;
  }

  if (!saved) throw domainError("FILE_REQUIRED", {}, { fields: { file: { reason: "FILE_REQUIRED", params: {} } } });
  if (saved.truncated) {
    await discard();
    throw tooLarge(EVIDENCE_MAX_BYTES, "The file");
  }
  if (saved.size === 0) {
    await discard();
    throw domainError("FILE_EMPTY", {}, { fields: { file: { reason: "FILE_EMPTY", params: {} } } });
  }
  const detected = await fileTypeFromBuffer(saved.head);
  const mime = detected && BINARY_TYPES.has(detected.mime) ? detected.mime : detected ? null : sniffText(saved.head, saved.size);
  if (!mime) {
    await discard();
    throw domainError("EVIDENCE_TYPE_NOT_ACCEPTED", { types: EVIDENCE_TYPES_TEXT }, {
      details: { file: detected ? `detected ${detected.mime}` : "unrecognised content" },
    });
  }
  try {
    return await db().$transaction(async (tx) => {
      const ev = await tx.evidence.create({
        data: { caseId, uploadedById: user.id, originalName: saved.originalName, storedName, mime, size: saved.size, sha256: saved.sha256, purpose },
      });
      await appendAuditEvent(tx, {
        caseId,
        actorId: user.id,
        actorRole: user.role,
        type: "EVIDENCE_ADDED",
        payload: { evidenceId: ev.id, name: ev.originalName, mime, size: ev.size, sha256: ev.sha256, purpose },
      });
      return ev;
    });
  } catch (e) {
    await discard();
    throw e;
  }
}

export async function listEvidence(user: SessionUser, caseId: string) {
  assertCan(user, "evidence:read");
  await loadVisibleCase(db(), user, caseId);
  return db().evidence.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });
}

/**
 * The vendor's corrective evidence of a suspended case, uploaded since its suspension: what
 * REINSTATE may cite (docs/domain.md#due-process). Empty when the case is not suspended.
 */
export async function listCorrectiveEvidence(user: SessionUser, caseId: string) {
  assertCan(user, "evidence:read");
  const row = await loadVisibleCase(db(), user, caseId);
  if (row.state !== "suspended") return [];
  const ctx = (JSON.parse(row.snapshot) as { context?: { suspendedAt?: string | null } }).context;
  const since = ctx?.suspendedAt ? new Date(ctx.suspendedAt) : undefined;
  return db().evidence.findMany({
    where: { caseId, purpose: "corrective", ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, originalName: true, size: true, sha256: true, createdAt: true },
  });
}

/**
 * The evidence file as a stream, for those who may see the case: checked against the SHA-256 of
 * its row (STORED_FILE_CORRUPT before the first byte when the store recorded another, and the
 * stream breaks off before its end when the bytes differ), STORED_FILE_MISSING when it is gone.
 */
export async function openEvidence(user: SessionUser, caseId: string, evidenceId: string) {
  assertCan(user, "evidence:read");
  await loadVisibleCase(db(), user, caseId);
  const ev = await db().evidence.findFirst({ where: { id: evidenceId, caseId } });
  if (!ev) throw domainError("EVIDENCE_NOT_FOUND");
  const got = await (await storage()).get(evidenceKey(ev.storedName), { expectSha256: ev.sha256 });
  return { evidence: ev, stream: Readable.toWeb(got.stream) as ReadableStream };
}
