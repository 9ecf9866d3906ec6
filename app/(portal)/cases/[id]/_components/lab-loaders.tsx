"use client";
// The lab's workbench (its CSV reader, a Buffer shim and the grading engine, some 30 kB gzip) and
// envelope form are shown only to the assigned lab while testing. Split from the page, their
// scripts load only where they are rendered; they are still rendered on the server and hydrated
// when their script has arrived, so nothing moves (docs/performance.md, first-load JavaScript).
// (next/dynamic in the server component lab-section.tsx would not split them: a client component
// imported by the server is always in the page's scripts.)
import dynamic from "next/dynamic";

export const LabWorkbench = dynamic(() => import("./lab-workbench").then((m) => m.LabWorkbench));
export const ReportEnvelopeForm = dynamic(() => import("./report-envelope-form").then((m) => m.ReportEnvelopeForm));
