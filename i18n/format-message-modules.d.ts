// The two formatters i18n/format-message.ts chooses from, under names next.config.js resolves to
// use-intl's files (the name `use-intl/format-message` itself is redirected to that module).
declare module "@zhiji/intl-format-precompiled" {
  import formatMessage from "use-intl/format-message/format-only";
  export default formatMessage;
}
declare module "@zhiji/intl-format-runtime" {
  import formatMessage from "use-intl/format-message";
  export default formatMessage;
}
