import { Alias, Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLError } from "yaml";
import { ConfigProblem, fieldPath } from "./errors";

/*
 * A config file as YAML source: parsing it (syntax errors in plain words, at the place to fix) and
 * finding where a field path is in it, so every problem can say file:line:col.
 */

export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

export type FieldPath = readonly (string | number)[];

/** Line and column of the value (or key) at `at`, falling back to the nearest existing parent. */
export function positionOf(parsed: ParsedFile, at: readonly PropertyKey[], atKey = false): { line?: number; column?: number } {
  for (let n = at.length; n >= 0; n--) {
    const keys = at.slice(0, n) as (string | number)[];
    let offset: number | undefined;
    if (atKey && n === at.length && n > 0) {
      const parent = parsed.doc.getIn(keys.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === keys[keys.length - 1]);
        if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
      }
    } else {
      const node = n === 0 ? parsed.doc.contents : parsed.doc.getIn(keys, true);
      if (isNode(node)) offset = node.range?.[0];
    }
    if (offset !== undefined) {
      const { line, col } = parsed.lines.linePos(offset);
      return { line, column: col };
    }
  }
  return {};
}

/** A problem at field `at` of a parsed file (value position; the key's with `atKey`). */
export function located(parsed: ParsedFile, at: readonly PropertyKey[], message: string, example?: string, atKey = false): ConfigProblem {
  return { file: parsed.file, field: fieldPath(at), message, example, ...positionOf(parsed, at, atKey) };
}

/** Whether the document has a node at `at` (a missing required field has none). */
export function hasField(parsed: ParsedFile, at: FieldPath): boolean {
  return at.length === 0 || parsed.doc.hasIn(at as (string | number)[]);
}

/** Every key (and list item) of the document with its path and source offset, in source order. */
function fieldsWithOffsets(doc: Document): { path: FieldPath; offset: number }[] {
  const out: { path: FieldPath; offset: number }[] = [];
  const walk = (node: unknown, path: FieldPath) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        // A line YAML could not read may come back as a pair with an empty key: not a field.
        if (!isPair(pair) || !isScalar(pair.key) || pair.key.value === null) continue;
        const key = String(pair.key.value);
        if (pair.key.range) out.push({ path: [...path, key], offset: pair.key.range[0] });
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isNode(item) && item.range) out.push({ path: [...path, i], offset: item.range[0] });
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * The field whose key (or list item) starts last at or before `offset` (before it, with `strict`):
 * where a syntax error sits. Strict for an error inside a value, whose misread part YAML may have
 * turned into a key of its own.
 */
function fieldAt(doc: Document, offset: number, strict = false): FieldPath {
  let best: FieldPath = [];
  for (const f of fieldsWithOffsets(doc)) if (strict ? f.offset < offset : f.offset <= offset) best = f.path;
  return best;
}

/** Offset of the `[` or `{` left open before `offset` (YAML reports the error where it gave up). */
function unclosedOpener(text: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  const openers: number[] = [];
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) while (i < text.length && text[i] !== "\n") i++;
    else if (c === open) {
      openers.push(i);
      depth++;
    } else if (c === close && depth > 0) {
      openers.pop();
      depth--;
    }
  }
  return openers[openers.length - 1];
}

/** One YAML syntax error in plain words, with where to fix it and how. */
function describeYamlError(parsed: Omit<ParsedFile, "file">, e: YAMLError): { offset: number; message: string; example?: string; fix?: string; inValue?: boolean } {
  const offset = e.pos[0];
  const lineText = (o: number) => {
    const start = parsed.text.lastIndexOf("\n", o - 1) + 1;
    const end = parsed.text.indexOf("\n", o);
    return parsed.text.slice(start, end < 0 ? undefined : end);
  };
  const at = (o: number) => parsed.lines.linePos(o);
  switch (e.code) {
    case "BAD_INDENT":
    case "MISSING_CHAR": {
      if (/flow sequence|flow mapping|\]|\}/i.test(e.message) && !/quote/i.test(e.message)) {
        const [open, close] = /mapping|\}/i.test(e.message) ? ["{", "}"] : ["[", "]"];
        const opener = unclosedOpener(parsed.text, offset, open, close);
        if (opener !== undefined) {
          const l = lineText(opener).trimEnd();
          return { offset: opener, message: `this ${open} is never closed (YAML gave up looking for its ${close} at line ${at(offset).line})`, example: `${l}${close}` };
        }
        return { offset, message: `a ${open} list is not closed before this line`, fix: `add the ${close}` };
      }
      if (/quote/i.test(e.message)) {
        const q = /"/.test(e.message) ? '"' : "'";
        const opener = parsed.text.lastIndexOf(q, offset - 1);
        const from = opener >= 0 ? opener : offset;
        return { offset: from, message: `the quoted value starting here has no closing ${q} (YAML reads on into the next lines)`, example: `${lineText(from).trimEnd()}${q}` };
      }
      if (/indented/i.test(e.message)) return { offset, message: "this line is indented differently from the fields around it", fix: "indent with spaces, two more than the parent field" };
      return { offset, message: `YAML cannot read this line: ${e.message.replace(/\.$/, "")}`, fix: "check indentation (spaces), quoting and closing brackets" };
    }
    case "DUPLICATE_KEY": {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lineText(offset))?.[1] ?? "this key";
      return { offset, message: `${key} is given twice in the same mapping; YAML keeps one silently, so say it once`, fix: `delete one of the two ${key}: lines` };
    }
    case "TAB_AS_INDENT":
      return { offset, message: "a tab is used for indentation; YAML allows only spaces", fix: "replace the tab with spaces" };
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const m = /^(\s*(?:-\s+)?[^:#\s][^:#]*?):\s+(.*\S)\s*$/.exec(lineText(offset));
      if (m && /:\s/.test(m[2]) && !/^["']/.test(m[2])) {
        return { offset, message: `the value contains ": ", which YAML reads as another field; quote the value`, example: `${m[1].trim()}: ${JSON.stringify(m[2])}`, inValue: true };
      }
      return { offset, message: "this line does not line up with the fields around it (a key is indented too far, or a value runs over several lines)", fix: "give each field its own line, indented like its siblings" };
    }
    case "UNEXPECTED_TOKEN":
      return { offset, message: `YAML did not expect this here (${e.message.replace(/\.$/, "").toLowerCase()})`, fix: "a list item (- ...) belongs under a key ending with ':', indented below it" };
    case "BAD_DQ_ESCAPE":
      return { offset, message: "a backslash escape inside a double-quoted value is not valid YAML (a regex \\. must be written \\\\. there)", fix: "double the backslash, or use single quotes: '^cto@acme\\.example$'" };
    default:
      return { offset, message: `YAML cannot read this: ${e.message.replace(/\.$/, "")}`, fix: "check indentation (spaces), quoting and closing brackets" };
  }
}

/**
 * Parses one config file. Syntax errors become problems in plain words at the place to fix (the
 * bracket or quote left open, not where YAML gave up), one per line; undefined when the file is
 * not a YAML mapping.
 */
export function parseFile(file: string, text: string, problems: ConfigProblem[]): ParsedFile | undefined {
  const lines = new LineCounter();
  // prettyErrors: false keeps YAML's message free of its own "at line x, column y:" suffix; the
  // position is computed here, once, in the same format as every other problem.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const seenLines = new Set<number>();
    for (const e of doc.errors) {
      const d = describeYamlError({ text, doc, lines }, e);
      const { line, col } = lines.linePos(d.offset);
      if (seenLines.has(line)) continue; // one mistake often yields several errors on its line
      seenLines.add(line);
      problems.push({ file, field: fieldPath(fieldAt(doc, d.offset, d.inValue)), message: `not valid YAML: ${d.message}`, example: d.example, fix: d.fix, line, column: col });
    }
    return undefined;
  }
  if (doc.contents === null || !isMap(doc.contents)) {
    problems.push({ file, field: "", message: "must be a YAML mapping of fields (the file is empty or holds a list or a scalar)", example: "slug: black-friday-2026", line: 1, column: 1 });
    return undefined;
  }
  return { file, text, doc, lines };
}

/**
 * The document as plain data. An alias to an anchor that does not exist (`*name`) is no syntax
 * error for YAML but fails here; it becomes a located problem instead of a crash.
 */
export function dataOf(parsed: ParsedFile, problems: ConfigProblem[]): unknown {
  try {
    return parsed.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    let alias: Alias | undefined;
    visit(parsed.doc, {
      Alias(_, node) {
        if (!alias && node.resolve(parsed.doc) === undefined) alias = node;
      },
    });
    const offset = alias?.range?.[0] ?? 0;
    const { line, col } = parsed.lines.linePos(offset);
    const field = alias ? fieldPath(fieldAt(parsed.doc, offset)) : "";
    problems.push({
      file: parsed.file,
      field,
      message: alias ? `*${alias.source} refers to no anchor &${alias.source} defined before it` : `YAML aliases could not be resolved (${(e as Error).message})`,
      fix: alias ? `define &${alias.source} on an earlier value, or write the value out` : "write the values out instead of using aliases",
      line,
      column: col,
    });
    return undefined;
  }
}
