import { createHash } from "node:crypto";
import type { RenderedReply } from "./render-reply";

/*
 * The raw MIME of a reply for SES v2 SendEmail (Content.Raw): multipart/alternative with a
 * plain-text and an HTML part, both UTF-8 and base64, and the threading and loop headers SES keeps
 * (it writes Message-ID and Date itself). Small on purpose: no library in the sender's bundle.
 */

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** RFC 2047 encoded words of at most 75 characters, split on character boundaries. */
export function encodeWords(value: string): string {
  if (ASCII_PRINTABLE.test(value)) return value;
  const words: string[] = [];
  let chunk = "";
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ");
}

/** A mailbox with a display name: quoted (ASCII) or encoded words. */
export function mailbox(name: string, address: string): string {
  if (!name) return address;
  const phrase = ASCII_PRINTABLE.test(name) ? `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"` : encodeWords(name);
  return `${phrase} <${address}>`;
}

/** Folds a long header of space-separated tokens (References) at the spaces. */
function fold(value: string): string {
  const lines: string[] = [];
  let line = "";
  for (const token of value.split(" ")) {
    if (line && line.length + token.length + 1 > 76) {
      lines.push(line);
      line = token;
    } else line = line ? `${line} ${token}` : token;
  }
  if (line) lines.push(line);
  return lines.join("\r\n ");
}

const base64Lines = (s: string) => (Buffer.from(s, "utf8").toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");

/** The reply as raw MIME bytes. `date` is for local captures; SES replaces it. */
export function toMime(reply: RenderedReply, date: Date): Buffer {
  // Deterministic boundary: the same reply encodes to the same bytes (tests, idempotent retries).
  const boundary = `=_e2o_${createHash("sha256").update(reply.text).update(reply.html).digest("hex").slice(0, 24)}`;
  const headers: [string, string][] = [
    ["From", mailbox(reply.fromName, reply.from)],
    ["To", reply.to],
    ...(reply.cc.length ? ([["Cc", reply.cc.join(", ")]] as [string, string][]) : []),
    ["Subject", encodeWords(reply.subject)],
    ["Date", date.toUTCString().replace("GMT", "+0000")],
    ...Object.entries(reply.headers).map(([k, v]) => [k, k === "References" ? fold(v) : v] as [string, string]),
    ["MIME-Version", "1.0"],
    ["Content-Type", `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: base64", "", base64Lines(body)].join("\r\n");
  const text = [...headers.map(([k, v]) => `${k}: ${v}`), "", part("text/plain", reply.text), part("text/html", reply.html), `--${boundary}--`, ""].join("\r\n");
  return Buffer.from(text, "utf8");
}
