/**
 * Node's TextDecoder decodes "windows-1252" (and the labels WHATWG maps to it: iso-8859-1,
 * latin1, us-ascii) as plain Latin-1 since 20.18.3 / 22.13.0 (nodejs/node#60888, #56542), so
 * smart quotes, dashes and the euro sign arrive as invisible C1 control characters. Real text
 * never contains C1 controls, so mapping them through the windows-1252 table is safe for every
 * charset and exact for the affected ones. Harmless once Node is fixed.
 */
const WINDOWS_1252_C1: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰", 0x8a: "Š", 0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž",
  0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

export function repairC1(text: string): string;
export function repairC1(text: string | undefined): string | undefined;
export function repairC1(text: string | undefined): string | undefined {
  if (text === undefined || !/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0)] ?? "");
}
