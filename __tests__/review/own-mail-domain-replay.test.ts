import { decide } from "../../functions/mail-to-alert/decide";
import { decisionInput } from "../functions/support/mail";
import { withConfig } from "../functions/support/config";

// HOLE (found in review): since the canary, the pipeline itself sends DKIM-signed mail from its own mail
// domain (canary@oncall.example.com, signed by SES Easy DKIM). SES's signature covers From, To, Subject,
// Date, Message-ID and the body, not Auto-Submitted nor X-Email-To-Oncall-Canary. Whoever captured one
// canary (a forwarding rule) can strip those two headers and replay it any number of times: SES
// authenticates it (DKIM and DMARC pass for the mail domain). When a listed address shares an
// organisation domain with the mail domain (duty@example.com and oncall.example.com, a common setup),
// the sender is an authenticated "colleague" and each replay reaches the notify lane, spending the
// paging integration's OnCall rate budget. Mail from the event's own mail domain is never a sender.
const config = withConfig({ trustedSenders: { addresses: ["cto@acme-shop.example", "duty@example.com"], domains: [], relays: [] } });
const replay = (from: string) =>
  decide(
    decisionInput(
      {
        From: `email-to-oncall canary <${from}>`,
        To: "black-friday-2026@oncall.example.com",
        Subject: "[canary] email-to-oncall black-friday-2026 2026-11-27T14:00:00.000Z",
        "Message-ID": "<canary.abab.1796392800@oncall.example.com>",
        "DKIM-Signature": "v=1; a=rsa-sha256; d=oncall.example.com; s=ses1; h=From:To:Subject:Date:Message-ID; bh=x; b=x",
      },
      { config, mailFrom: "0102019abc@eu-west-1.amazonses.com" },
    ),
  );

describe("review: a captured canary, stripped of its canary headers and replayed", () => {
  it("FIXED: mail authenticated as the event's own mail domain is dropped, never notified", () => {
    expect(replay("canary@oncall.example.com")).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("FIXED: also from a subdomain of the mail domain (SES may send as any name below a verified domain)", () => {
    expect(replay("x@deep.oncall.example.com")).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("an authenticated colleague of another subdomain still reaches the notify lane", () => {
    expect(replay("someone@it.example.com")).toMatchObject({ action: "notify", reason: "UNLISTED_COLLEAGUE" });
  });
});
