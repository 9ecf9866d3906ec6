"use client";
// Uploads a PDF to POST /api/v1/verify and shows the server's verdict. XMLHttpRequest rather than
// fetch: only it reports upload progress. The verdict is the server's; nothing is decided here.
import Link from "next/link";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FileUp, ShieldCheck, ShieldX } from "lucide-react";
import type { VerifyResult } from "@/lib/certificates/verify-certificate";
import { StatusBadge } from "./status-badge";

type State =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "checking" }
  | { kind: "done"; result: VerifyResult }
  | { kind: "error"; message: string };

export function VerifyUpload() {
  const t = useTranslations("certificates.verify");
  const tr = useTranslations("certificates.reasons");
  const ts = useTranslations("certificates.status");
  const tb = useTranslations("certificates.banner");
  const format = useFormatter();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [file, setFile] = useState<File | null>(null);
  const busy = state.kind === "uploading" || state.kind === "checking";

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file || busy) return;
    const body = new FormData();
    body.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/verify");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setState({ kind: "uploading", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    xhr.upload.onload = () => setState({ kind: "checking" });
    xhr.onload = () => {
      const res = xhr.response as (VerifyResult & { error?: undefined }) | { error?: { message?: string } } | null;
      if (xhr.status === 200 && res && "valid" in res) setState({ kind: "done", result: res });
      else setState({ kind: "error", message: res?.error?.message ?? `HTTP ${xhr.status}` });
    };
    xhr.onerror = () => setState({ kind: "error", message: t("network") });
    setState({ kind: "uploading", percent: 0 });
    xhr.send(body);
  }

  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "long" }) : "");

  return (
    <div>
      <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-5" data-testid="verify-form">
        <label htmlFor="verify-file" className="block text-sm font-medium">{t("choose")}</label>
        <input
          id="verify-file"
          data-testid="verify-file"
          type="file"
          accept="application/pdf,.pdf"
          disabled={busy}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setState({ kind: "idle" });
          }}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5"
        />
        <p className="mt-1 text-xs text-slate-500">{t("hint")}</p>
        <button type="submit" disabled={!file || busy}
          className="mt-4 inline-flex items-center gap-2 rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-50">
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
      </form>

      {state.kind === "error" && (
        <p role="alert" data-testid="verify-error" className="mt-4 rounded border border-red-300 bg-red-50 p-4 text-red-800">
          {t("failed", { message: state.message })}
        </p>
      )}

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
