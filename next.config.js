const path = require("node:path");
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Precompiled messages in the browser (i18n/client-messages.ts): there, next-intl formats with its
// precompiled formatter, without the ICU parser; on the server with i18n/format-message.ts, which
// takes both kinds. use-intl's files are named by path: the name `use-intl/format-message` is
// itself redirected. (Turbopack wants paths relative to the project, with forward slashes.)
const relative = (file) => `./${path.relative(__dirname, file).split(path.sep).join("/")}`;
const FORMAT_PRECOMPILED = require.resolve("use-intl/format-message/format-only");
const FORMAT_RUNTIME = require.resolve("use-intl/format-message");
const FORMAT_SERVER = path.join(__dirname, "i18n/format-message.ts");

/** @type {import('next').NextConfig} */
module.exports = withNextIntl({
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pdfkit",
    "@signpdf/signpdf",
    "@signpdf/placeholder-pdfkit",
    "@signpdf/signer-p12",
    "@signpdf/utils",
    "node-forge",
    "busboy",
    "qrcode",
  ],
  // Separate build folders let several test runs build side by side (ZHIJI_DIST_DIR=.next-x).
  distDir: process.env.ZHIJI_DIST_DIR || ".next",
  poweredByHeader: false,
  // Headers of every response (lib/security-headers.ts has the reasons). Pages get their
  // Content-Security-Policy with a script nonce, and HSTS when served over https, from proxy.ts;
  // proxy.ts does not run for /api (it would buffer upload bodies) nor for the build's files.
  async headers() {
    // The same values as lib/security-headers.ts (e2e/security.spec.ts checks both kinds of response).
    const common = [
      { key: "x-content-type-options", value: "nosniff" },
      { key: "referrer-policy", value: "strict-origin-when-cross-origin" },
      { key: "x-frame-options", value: "DENY" },
    ];
    const framing = { key: "content-security-policy", value: "frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };
    return [
      { source: "/:path*", headers: common },
      { source: "/api/:path*", headers: [framing] },
      { source: "/_next/:path*", headers: [framing] },
    ];
  },
  // Server action bodies (forms, the lab's CSV or JSON results) are refused above 1 MB while they
  // arrive; /api/v1 bodies have their own limits per route (lib/http/body.ts).
  // optimizePackageImports: Next rewrites barrel imports of these packages (`import { Tabs } from
  // "radix-ui"`) to the one module used, so a page's chunks carry only what it renders (lucide-react
  // and recharts are on Next's own list already; docs/performance.md, first-load JavaScript).
  experimental: { serverActions: { bodySizeLimit: "1mb" }, optimizePackageImports: ["radix-ui"] },
  typedRoutes: false,
  turbopack: {
    resolveAlias: {
      "use-intl/format-message": { browser: relative(FORMAT_PRECOMPILED), default: relative(FORMAT_SERVER) },
      "@zhiji/intl-format-precompiled": relative(FORMAT_PRECOMPILED),
      "@zhiji/intl-format-runtime": relative(FORMAT_RUNTIME),
    },
  },
  // The same for `next build --webpack`.
  webpack(config, { isServer }) {
    config.resolve.alias = {
      ...config.resolve.alias,
      "use-intl/format-message$": isServer ? FORMAT_SERVER : FORMAT_PRECOMPILED,
      "@zhiji/intl-format-precompiled$": FORMAT_PRECOMPILED,
      "@zhiji/intl-format-runtime$": FORMAT_RUNTIME,
    };
    return config;
  },
  // `npm test` type-checks the whole tree (tests included) with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
});
