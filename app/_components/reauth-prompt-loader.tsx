"use client";
// The re-authentication prompt (./reauth-prompt.tsx: next-auth's client, the sign-in form's
// refusals, a zod schema and a dialog) appears only after a decisive act was refused with
// REAUTH_REQUIRED, so it is loaded then, not with the page (docs/performance.md, first-load
// JavaScript). It runs in the browser only (it asks who is signed in and signs in again there).
import dynamic from "next/dynamic";

export const ReauthPrompt = dynamic(() => import("./reauth-prompt").then((m) => m.ReauthPrompt), { ssr: false });
