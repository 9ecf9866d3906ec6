// Evidence files: streamed to disk under a server-made name while hashing, size-limited, typed by
// their content (not their name), and readable only by those who may see the case.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { fileTypeFromFile } from "file-type";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { BODY_LIMITS, MULTIPART_OVERHEAD, limitedBodyStream, tooLarge } from "@/lib/http/body";
import { loadVisibleCase } from "./load-case";

export const EVIDENCE_MAX_BYTES = BODY_LIMITS.evidence;
const BINARY_TYPES = new Set(["application/pdf", "image/png", "image/jpeg", "application/zip"]);
export const EVIDENCE_TYPES_TEXT = "PDF, PNG, JPEG, CSV, JSON or a ZIP of logs";

const evidenceDir = () => path.join(env().dataDir, "evidence");

/** Text files have no magic number: accept UTF-8 that parses as JSON, or looks like CSV. */
async function sniffText(file: string, size: number): Promise<string | null> {
  const fd = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fd.read(head, 0, head.length, 0);
    if (head.includes(0)) return null;
    const text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: size > head.length });
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      // Parsing is synchronous: only files up to 2 MB are parsed whole; a larger one is judged by its start.
      if (size > 2 * 1024 * 1024) return "application/json";
      try {
        JSON.parse(await fs.promises.readFile(file, "utf8"));
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
  } finally {
    await fd.close();
  }
}

type Saved = { originalName: string; size: number; sha256: string; truncated: boolean };

const badMultipart = () => new AppError("INVALID_INPUT", "The multipart body is not valid", { _: "bad multipart", reason: "BAD_MULTIPART" });

/**
 * Streams the first part named `file` to `target` while hashing it. The part stops at
 * EVIDENCE_MAX_BYTES (then `truncated`); the whole body stops at that plus the multipart overhead
 * (413), so extra parts cannot make the server read on. Null when no file part came.
 */
function receiveFile(req: Request, contentType: string, target: string): Promise<Saved | null> {
  return new Promise<Saved | null>((resolve, reject) => {
    let settled = false;
    let bb: Busboy.Busboy | undefined;
    let result: Promise<Saved> | null = null;
    // Stop the parser (which ends the file part) and let the disk write settle, so the caller can delete the file.
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
      const hash = crypto.createHash("sha256");
      let size = 0;
      let truncated = false;
      stream.on("limit", () => (truncated = true));
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      result = pipeline(stream, meter, fs.createWriteStream(target)).then(() => ({
        originalName: path.basename(info.filename || "evidence"),
        size,
        sha256: hash.digest("hex"),
        truncated,
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

  const dir = path.join(evidenceDir(), caseId);
  await fs.promises.mkdir(dir, { recursive: true });
  const storedName = `${Date.now()}-${crypto.randomBytes(12).toString("hex")}`;
  const target = path.join(dir, storedName);
  const discard = () => fs.promises.rm(target, { force: true });

  let saved: Saved | null;
  try {
    saved = await receiveFile(req, contentType, target);
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
  const detected = await fileTypeFromFile(target);
  const mime = detected && BINARY_TYPES.has(detected.mime) ? detected.mime : detected ? null : await sniffText(target, saved.size);
  if (!mime) {
    await discard();
    throw domainError("EVIDENCE_TYPE_NOT_ACCEPTED", { types: EVIDENCE_TYPES_TEXT }, {
      details: { file: detected ? `detected ${detected.mime}` : "unrecognised content" },
    });
  }
  try {
    return await db().$transaction(async (tx) => {
      const ev = await tx.evidence.create({
        data: { caseId, uploadedById: user.id, originalName: saved.originalName, storedName: `${caseId}/${storedName}`, mime, size: saved.size, sha256: saved.sha256, purpose },
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

/** The evidence file as a stream, for those who may see the case. */
export async function openEvidence(user: SessionUser, caseId: string, evidenceId: string) {
  assertCan(user, "evidence:read");
  await loadVisibleCase(db(), user, caseId);
  const ev = await db().evidence.findFirst({ where: { id: evidenceId, caseId } });
  if (!ev) throw domainError("EVIDENCE_NOT_FOUND");
  const file = path.join(evidenceDir(), ev.storedName);
  return { evidence: ev, stream: Readable.toWeb(fs.createReadStream(file)) as ReadableStream };
}
