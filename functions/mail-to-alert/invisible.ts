/**
 * Unicode format characters (general category Cf: bidi overrides and isolates U+202A-202E and
 * U+2066-2069, marks U+200E/U+200F/U+061C, zero-width U+200B-200D and U+2060, the BOM U+FEFF,
 * soft hyphen U+00AD, tag characters U+E0000-E007F, ...). They are invisible, yet a bidi override
 * reverses what a responder reads ("moc.elpmaxe" shown as "example.com") and zero-width
 * characters make two different names look the same. None carries meaning in a subject, a
 * display name or an alert title, so they are removed there (never from the body the responder
 * reads in full, where the raw mail link shows the original anyway).
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

export function stripInvisible(text: string): string {
  return text.replace(FORMAT_CHARACTERS, "");
}
