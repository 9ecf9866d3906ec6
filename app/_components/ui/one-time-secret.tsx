"use client";
// A value shown once (a set-password link, an API token), with a copy button.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Check, Copy } from "lucide-react";

export function OneTimeSecret({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  const t = useTranslations("admin");
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <label htmlFor={id} className="block text-sm font-medium text-amber-900">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full min-w-0 rounded border border-amber-300 bg-white px-2 py-1 font-mono text-sm"
        />
        <button
          type="button"
          aria-label={t("copy")}
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
          }}
          className="rounded border border-amber-400 bg-white px-2 text-amber-900 hover:bg-amber-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-600"
        >
          {copied ? <Check aria-hidden className="h-4 w-4" /> : <Copy aria-hidden className="h-4 w-4" />}
        </button>
      </div>
      <p className="mt-1 text-xs text-amber-900">{note}</p>
    </div>
  );
}
