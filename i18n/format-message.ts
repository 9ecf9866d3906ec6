// next-intl's message formatter on the server (next.config.js points `use-intl/format-message` at
// this module everywhere but in the browser). The browser gets precompiled messages and formats
// them with next-intl's small precompiled formatter; the server renders the same client components
// with those messages, while its own components and e-mails use the catalogue as written. So a
// message that is an array (precompiled) goes to the precompiled formatter, a string to the ICU
// runtime. A precompiled message without arguments or tags is the string as written
// (i18n/client-messages.ts; i18n/precompile.test.ts checks both agree on the whole catalogue).
import formatPrecompiled from "@zhiji/intl-format-precompiled";
import formatAtRuntime from "@zhiji/intl-format-runtime";

export default function formatMessage(...args: Parameters<typeof formatAtRuntime>): ReturnType<typeof formatAtRuntime> {
  return Array.isArray(args[1]) ? formatPrecompiled(...(args as Parameters<typeof formatPrecompiled>)) : formatAtRuntime(...args);
}

// Server components read lists with `t.raw` (the catalogue as written).
formatMessage.raw = true;
