"use client";
// The last resort: the root layout itself failed, so there is no translation provider and no
// language yet. The page says everything in both of the portal's languages.
import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <main className="mx-auto max-w-2xl px-4 py-10">
          <section role="alert" data-testid="global-error" className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
            <h1 className="text-2xl font-bold text-red-800">出现错误</h1>
            <p className="mt-2 text-slate-700">页面无法显示。请重试；如问题持续，请将下方编号告知秘书处。</p>
            <h2 lang="en" className="mt-4 text-xl font-bold text-red-800">Something went wrong</h2>
            <p lang="en" className="mt-2 text-slate-700">The page could not be shown. Try again; if it keeps happening, tell the secretariat the reference below.</p>
            {error.digest && (
              <p className="mt-3 text-sm text-slate-600">
                编号 <span lang="en">/ Reference</span>: <code className="break-all">{error.digest}</code>
              </p>
            )}
            <div className="mt-4 flex flex-wrap items-center gap-4">
              <button type="button" onClick={reset} className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
                重试 <span lang="en">/ Try again</span>
              </button>
              {/* A plain link: the router may be what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a href="/" className="font-medium underline">首页 <span lang="en">/ Home</span></a>
            </div>
          </section>
        </main>
      </body>
    </html>
  );
}
