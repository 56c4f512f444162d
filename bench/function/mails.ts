/**
 * Synthetic mails of a target size shaped like real emergency mail: a short plain part, an HTML
 * alternative, and a base64 attachment (screenshots, logs) making up the bulk.
 */
export function syntheticMail(targetBytes: number): Buffer {
  const text = "Checkout fails for every customer since 14:00 UTC. Error rate 38 %, orders stuck in pending.\r\n".repeat(30);
  const html = `<html><body>${"<p>Checkout fails for <b>every</b> customer since 14:00 UTC &mdash; see <a href=\"https://status.acme-shop.example\">status</a>.</p>".repeat(25)}</body></html>`;
  const head = [
    "From: Jane Doe <cto@acme-shop.example>",
    "To: black-friday-2026@oncall.example.com",
    "Subject: =?UTF-8?Q?Checkout_f=C3=A4llt_aus?=",
    "Date: Fri, 27 Nov 2026 14:05:00 +0000",
    "Message-ID: <bench@acme-shop.example>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="mixed"',
    "",
    "--mixed",
    'Content-Type: multipart/alternative; boundary="alt"',
    "",
    "--alt",
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "--alt",
    "Content-Type: text/html; charset=utf-8",
    "",
    html,
    "--alt--",
    "--mixed",
    'Content-Type: application/octet-stream; name="capture.bin"',
    'Content-Disposition: attachment; filename="capture.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  const tail = "\r\n--mixed--\r\n";
  const room = Math.max(0, targetBytes - Buffer.byteLength(head) - tail.length);
  // 76-character base64 lines plus CRLF, as mail clients write them.
  const line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
  const body = line.repeat(Math.floor(room / line.length));
  return Buffer.concat([Buffer.from(head), Buffer.from(body), Buffer.from(tail)]);
}
