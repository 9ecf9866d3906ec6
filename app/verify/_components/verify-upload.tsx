"use client";
// Uploads a PDF to POST /api/v1/verify and shows the server's verdict. XMLHttpRequest rather than
// fetch: only it reports upload progress. The verdict is the server's; nothing is decided here.
// On the field kit (docs/decisions/0009-forms-conform-zod.md): the file is checked in the browser
// first (chosen, not over the limit) and the field gets the focus when it is not; a refusal of the
// server shows as its code (workflows/errors.ts) in the reader's language, never the API's English.
import Link from "next/link";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FileUp, ShieldCheck, ShieldX } from "lucide-react";
import type { SubmissionResult } from "@conform-to/react";
import type { VerifyResult } from "@/lib/certificates/verify-certificate";
import { isDomainCode } from "@/lib/domain";
import { encodeRef } from "@/app/_components/ui/form-codes";
import { FieldFoot, FormMessage, controlA11y, useZodForm } from "@/app/_components/ui/form";
import { buttonClass } from "@/app/_components/ui/button-class";
import { StatusBadge } from "./status-badge";
import { VERIFY_MAX_LABEL, VerifyInput } from "./verify-schema";

type State =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "checking" }
  | { kind: "done"; result: VerifyResult }
  | { kind: "refused" };

type ApiError = { error?: { code?: string; reason?: string; params?: Record<string, string | number>; fields?: Record<string, unknown> } } | null;

/** The refusal's code: its domain code, else one by the HTTP-level code. */
function refusalCode(res: ApiError, xhr: XMLHttpRequest): string {
  const e = res?.error;
  if (e?.reason && isDomainCode(e.reason)) return encodeRef({ reason: e.reason, params: e.params });
  if (xhr.status === 413 || e?.code === "PAYLOAD_TOO_LARGE") return encodeRef({ reason: "FILE_TOO_LARGE", params: { limit: VERIFY_MAX_LABEL } });
  if (xhr.status === 429 || e?.code === "RATE_LIMITED")
    return encodeRef({ reason: "REQUESTS_THROTTLED", params: { seconds: Number(xhr.getResponseHeader("retry-after") ?? 60) } });
  if (xhr.status === 415) return "PDF_CONTENT_TYPE";
  return "REQUEST_FAILED";
}

/** The refusal as the form's last result: its code under the file when it is about the file, else on the form. */
function refusalResult(code: string, onFile: boolean): SubmissionResult<string[]> {
  return { status: "error", error: onFile ? { file: [code] } : { "": [code] }, state: { validated: { "": true, file: true } } };
}

export function VerifyUpload() {
  const t = useTranslations("certificates.verify");
  const tr = useTranslations("certificates.reasons");
  const ts = useTranslations("certificates.status");
  const tb = useTranslations("certificates.banner");
  const format = useFormatter();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [lastResult, setLastResult] = useState<SubmissionResult<string[]> | null>(null);
  const [network, setNetwork] = useState(false);
  const [form, fields, formProps] = useZodForm(VerifyInput, { id: "verify", lastResult });
  const busy = state.kind === "uploading" || state.kind === "checking";
  const file = fields.file;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    form.onSubmit(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    const chosen = new FormData(e.currentTarget).get("file");
    if (!(chosen instanceof File) || busy) return;
    const body = new FormData();
    body.append("file", chosen);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/verify");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setState({ kind: "uploading", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    xhr.upload.onload = () => setState({ kind: "checking" });
    xhr.onload = () => {
      const res = xhr.response as (VerifyResult & { error?: undefined }) | ApiError;
      if (xhr.status === 200 && res && "valid" in res) {
        setState({ kind: "done", result: res });
        return;
      }
      const code = refusalCode(res as ApiError, xhr);
      setState({ kind: "refused" });
      setLastResult(refusalResult(code, xhr.status === 413 || xhr.status === 415 || !!(res as ApiError)?.error?.fields?.file));
    };
    xhr.onerror = () => {
      setState({ kind: "refused" });
      setNetwork(true);
    };
    setNetwork(false);
    setLastResult(null);
    setState({ kind: "uploading", percent: 0 });
    xhr.send(body);
  }

  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "long" }) : "");

  return (
    <div>
      <form {...formProps} onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="verify-form">
        <label htmlFor={file.id} className="block text-sm font-medium text-slate-800">{t("choose")}</label>
        <input
          key={file.key}
          {...controlA11y(file, true)}
          data-testid="verify-file"
          type="file"
          accept="application/pdf,.pdf"
          disabled={busy}
          onChange={() => {
            setState({ kind: "idle" });
            setNetwork(false);
          }}
          className={`mt-1 block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 ${file.errors?.length ? "rounded ring-2 ring-red-600" : ""}`}
        />
        <FieldFoot field={file} hint={t("hint")} errorTestId="verify-file-error" />
        <button type="submit" disabled={busy} className={buttonClass("primary", "mt-4 px-4 py-2")}>
          <FileUp aria-hidden className="h-4 w-4" /> {t("check")}
        </button>
        <div aria-live="polite" className="mt-3 text-sm text-slate-600" data-testid="verify-progress">
          {state.kind === "uploading" && (
            <>
              <progress max={100} value={state.percent} className="w-full" aria-label={t("uploading", { percent: state.percent })} />
              <span>{t("uploading", { percent: state.percent })}</span>
            </>
          )}
          {state.kind === "checking" && <span>{t("checking")}</span>}
        </div>
        {state.kind === "refused" && (
          <div className="mt-3">
            {network ? (
              <p role="alert" data-testid="verify-error" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
                {t("network")}
              </p>
            ) : (
              <FormMessage errors={form.errors} testId="verify" />
            )}
          </div>
        )}
      </form>

      {state.kind === "done" && (() => {
        const r = state.result;
        const c = r.certificate;
        if (!r.valid || !c) {
          return (
            <section role="status" data-testid="verify-result" data-valid="false" className="mt-4 flex items-start gap-3 rounded-lg border-2 border-red-300 bg-red-50 p-5 text-red-900">
              <ShieldX aria-hidden className="h-8 w-8 shrink-0" />
              <div>
                <h2 className="text-xl font-bold">{t("notGenuine")}</h2>
                <p className="mt-1" data-testid="verify-reason">{tr(r.reasonCode)}</p>
              </div>
            </section>
          );
        }
        const live = c.status !== "valid";
        return (
          <section role="status" data-testid="verify-result" data-valid="true" data-status={c.status}
            className={`mt-4 flex items-start gap-3 rounded-lg border-2 p-5 ${live ? "border-amber-300 bg-amber-50 text-amber-950" : "border-green-300 bg-green-50 text-green-900"}`}>
            <ShieldCheck aria-hidden className="h-8 w-8 shrink-0" />
            <div>
              <h2 className="text-xl font-bold">{t("genuine")}</h2>
              <p className="mt-1" data-testid="verify-reason">{t("genuineDetail", { number: c.number })}</p>
              <p className="mt-2 flex items-center gap-2">
                <StatusBadge status={c.status} label={ts(c.status)} />
                {c.status === "valid" ? tb("validDetail", { date: date(c.validUntil) }) : t("genuineButStatus", { status: ts(c.status) })}
              </p>
              {live && (
                <p className="mt-1 text-sm">
                  {tb(`${c.status}Detail`, { date: date(c.statusChangedAt ?? c.validUntil) })}
                  {c.statusReason ? ` ${tb("reason", { reason: c.statusReason })}` : ""}
                </p>
              )}
              <p className="mt-1 text-sm">{c.product.name} · {c.product.model} · {c.level} {c.levelName.zh} {c.levelName.en}</p>
              <Link href={`/verify/${c.publicId}`} className="mt-2 inline-block font-medium underline">{t("details")}</Link>
            </div>
          </section>
        );
      })()}
    </div>
  );
}
