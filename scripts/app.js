#!/usr/bin/env node
// Starts the cdktf app fast: esbuild strips types from the app's TypeScript (no bundling, no
// type-check; `npm run typecheck` does that) into .build/app, then runs it with plain node.
// Bundling the app itself is avoided on purpose: cdktf's asset step expects the real module tree.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");
const outdir = path.join(root, ".build", "app");
const sourceDirs = ["lib", "config", "stacks", ".gen"];

function listTs(dir, acc) {
  if (!fs.existsSync(dir)) return acc;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listTs(full, acc);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) acc.push(full);
  }
  return acc;
}

const entryPoints = [path.join(root, "main.ts")];
for (const dir of sourceDirs) listTs(path.join(root, dir), entryPoints);
// The stacks share the functions' contracts (types and env names) and the responders' marker
// notes (one wording for the function and the OnCall templates), not their code.
const SHARED_WITH_STACKS = ["contract.ts", "marker-notes.ts"];
for (const fn of fs.readdirSync(path.join(root, "functions"))) {
  for (const name of SHARED_WITH_STACKS) {
    const shared = path.join(root, "functions", fn, name);
    if (fs.existsSync(shared)) entryPoints.push(shared);
  }
}

esbuild.buildSync({
  entryPoints,
  outdir,
  outbase: root,
  bundle: false,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: "inline",
  logLevel: "warning",
});

require(path.join(outdir, "main.js"));
