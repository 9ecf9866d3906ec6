"use client";
// Evidence files of the case: a list with download links for everyone who may see the case, and
// for the assigned lab while testing an upload with a progress bar (XMLHttpRequest reports upload
// progress; fetch does not) to POST /api/v1/cases/{id}/evidence.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";

export type EvidenceRow = { id: string; name: string; size: number; sha256: string; mime: string; createdAt: string };

type Uploaded = { id: string; name: string; size: number; sha256: string };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function EvidencePanel({ caseId, mayUpload, evidence }: { caseId: string; mayUpload: boolean; evidence: EvidenceRow[] }) {
  const t = useTranslations("case");
  const base = `/api/v1/cases/${encodeURIComponent(caseId)}/evidence`;
  return (
    <section aria-labelledby="evidence-title" className="space-y-3" data-testid="evidence">
      <h3 id="evidence-title" className="font-medium">
        {t("evidence.title")}
      </h3>
      {evidence.length === 0 ? (
        <p className="text-sm text-slate-600">{t("evidence.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="evidence-list">
          {evidence.map((e) => (
            <li key={e.id} className="py-1.5">
              <a href={`${base}/${encodeURIComponent(e.id)}`} className="font-medium text-brand hover:underline" download>
                {e.name}
              </a>{" "}
              <span className="text-slate-500">
                · {formatBytes(e.size)} · {e.mime} · {e.createdAt}
              </span>
              <div className="break-all font-mono text-xs text-slate-500">SHA-256 {e.sha256}</div>
            </li>
          ))}
        </ul>
      )}
      {mayUpload && <EvidenceUpload url={base} />}
    </section>
  );
}

/** `purpose`: sent as the form field of that name (`corrective` for the vendor of a suspended case). */
export function EvidenceUpload({ url, purpose, idPrefix = "evidence" }: { url: string; purpose?: string; idPrefix?: string }) {
  const t = useTranslations("case");
  const te = useTranslations("errors");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<Uploaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setError(t("evidence.chooseFile"));
    setError(null);
    setDone(null);
    setProgress(0);
    const body = new FormData();
    if (purpose) body.append("purpose", purpose);
    body.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const res = xhr.response as (Uploaded & { error?: { message: string; reason?: string; params?: Record<string, string | number> } }) | null;
      if (xhr.status === 201 && res) {
        setProgress(100);
        setDone(res);
        if (input.current) input.current.value = "";
        router.refresh();
      } else {
        setProgress(null);
        // The refusal's code in the reader's language (errors.json), never the API's English message.
        const reason = res?.error?.reason;
        setError(reason && te.has(reason) ? te(reason, res?.error?.params ?? {}) : t("evidence.failed", { status: xhr.status }));
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError(t("evidence.network"));
    };
    xhr.send(body);
  }

  return (
    <div className="space-y-2 rounded border border-slate-200 p-3">
      <label htmlFor={`${idPrefix}-file`} className="block text-sm font-medium">
        {t("evidence.add")}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input id={`${idPrefix}-file`} ref={input} type="file" className="text-sm" aria-describedby={`${idPrefix}-hint`} data-testid={`${idPrefix}-file`} />
        <Button variant="secondary" onClick={upload} disabled={progress !== null && progress < 100 && !error && !done} data-testid={`${idPrefix}-upload`}>
          {t("evidence.upload")}
        </Button>
      </div>
      <p id={`${idPrefix}-hint`} className="text-xs text-slate-500">
        {t("evidence.hint")}
      </p>
      {progress !== null && (
        <div className="flex items-center gap-2">
          <progress max={100} value={progress} aria-label={t("evidence.progress")} className="h-2 w-64 max-w-full" data-testid={`${idPrefix}-progress`} />
          <span className="text-xs text-slate-600">{progress}%</span>
        </div>
      )}
      {done && (
        <div data-testid={`${idPrefix}-uploaded`}>
          <Alert tone="success">
            {t("evidence.uploaded", { name: done.name, size: formatBytes(done.size) })}
            <div className="break-all font-mono text-xs">SHA-256 {done.sha256}</div>
          </Alert>
        </div>
      )}
      {error && (
        <div data-testid={`${idPrefix}-error`}>
          <Alert tone="error">{error}</Alert>
        </div>
      )}
    </div>
  );
}
