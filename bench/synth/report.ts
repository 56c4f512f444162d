import type { Measured } from "./measure";

export const START = "<!-- bench:synth:start -->";
export const END = "<!-- bench:synth:end -->";

/** Replaces only this benchmark's section of BENCHMARKS.md; other sections stay as they are. */
export function replaceSection(doc: string, section: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  const block = `${START}\n${section.trim()}\n${END}`;
  if (a < 0 || b < a) return `${doc.replace(/\n*$/, "\n\n")}${block}\n`;
  return doc.slice(0, a) + block + doc.slice(b + END.length);
}

export const fmtS = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
export const fmtMb = (mb: number) => mb.toFixed(0);
export const row = (m: Measured) => `${fmtS(m.medianSeconds)} s / ${fmtMb(m.medianPeakMb)} MB`;
