import { generateKeyPairSync } from "node:crypto";
import { dkimSign } from "mailauth/lib/dkim/sign";
import { sealMessage } from "mailauth/lib/arc";
import type { DnsResolver } from "../../../functions/mail-to-alert/arc-verifier";

/** A test signing key and its DNS TXT record (RSA 1024: mailauth's minimum, fast to generate). */
export interface TestKey {
  readonly domain: string;
  readonly selector: string;
  readonly privateKey: string;
  readonly txt: string;
}

export function testKey(domain: string, selector = "test"): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return { domain, selector, privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), txt: `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}` };
}

/** A stub DNS that answers only for the given keys: no network. `fail` makes every lookup time out. */
export function stubResolver(keys: readonly TestKey[], fail = false): DnsResolver {
  return async (name, rrtype) => {
    if (fail) throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: "ETIMEOUT" });
    const key = keys.find((k) => `${k.selector}._domainkey.${k.domain}` === name.toLowerCase());
    if (rrtype === "TXT" && key) return [[key.txt]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  };
}

export async function signDkim(mail: string, key: TestKey): Promise<string> {
  const data = { signingDomain: key.domain, selector: key.selector, privateKey: key.privateKey };
  // Signatures go in signatureData (the top-level fields are defaults for them); check one was made.
  const r = await dkimSign(mail, { ...data, signatureData: [data] });
  if (!r.signatures || r.errors?.length) throw new Error(`DKIM signing failed: ${JSON.stringify(r.errors)}`);
  return r.signatures + mail;
}

/** Seals the mail as a relay would: ARC-Seal, ARC-Message-Signature, ARC-Authentication-Results on top. */
export async function arcSeal(mail: string, key: TestKey, authResults: string, cv: "none" | "pass" | "fail" = "none"): Promise<string> {
  const headers = await sealMessage(mail, { signingDomain: key.domain, selector: key.selector, privateKey: key.privateKey, authResults, cv });
  return headers.toString() + mail;
}
