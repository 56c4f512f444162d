import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { RuntimeConfigLayer, runtimeConfigOfLayerZip } from "../../../lib";
import { unzipFiles, zipFiles } from "../../../lib/core/zip";
import { synth, testStack } from "../support";

const JSON_DOC = JSON.stringify({ slug: "checkout", customers: Array.from({ length: 300 }, (_, i) => ({ slug: `c${i}`, name: `Customer ${i}` })) });

describe("RuntimeConfigLayer", () => {
  it("holds the document at email-to-oncall/runtime-config.json, with its SHA-256 and the path the function reads", () => {
    const stack = testStack();
    const layer = new RuntimeConfigLayer(stack, "config", { layerName: "fn-config", configJson: JSON_DOC, runtime: "nodejs22.x" });
    const s = synth(stack);
    expect(Object.keys(unzipFiles(fs.readFileSync(layer.zipPath)))).toEqual(["email-to-oncall/runtime-config.json"]);
    expect(runtimeConfigOfLayerZip(fs.readFileSync(layer.zipPath))).toBe(JSON_DOC);
    expect(layer.sha256).toBe(createHash("sha256").update(JSON_DOC).digest("hex"));
    expect(layer.filePath).toBe("/opt/email-to-oncall/runtime-config.json");
    expect(s.of(layer.layer)).toMatchObject({
      layer_name: "fn-config",
      description: `Runtime config (sha256 ${layer.sha256.slice(0, 16)}); not code`,
      compatible_runtimes: ["nodejs22.x"],
      compatible_architectures: ["arm64"],
      lifecycle: { create_before_destroy: true },
      filename: expect.stringMatching(/^assets\/config_zip_[A-F0-9]+\/[A-F0-9]+\/runtime-config\.zip$/),
    });
    expect(Buffer.byteLength(JSON_DOC)).toBeGreaterThan(4096);
  });

  it("is deterministic: the same document gives the same bytes and asset hash (the plan changes only with the config)", () => {
    const a = new RuntimeConfigLayer(testStack(), "config", { layerName: "x", configJson: JSON_DOC, runtime: "nodejs22.x" });
    const b = new RuntimeConfigLayer(testStack(), "config", { layerName: "x", configJson: JSON_DOC, runtime: "nodejs22.x" });
    const c = new RuntimeConfigLayer(testStack(), "config", { layerName: "x", configJson: JSON_DOC.replace("c1", "c-1"), runtime: "nodejs22.x" });
    const sa = synth(a.node.scope as never).of(a.layer);
    const sb = synth(b.node.scope as never).of(b.layer);
    const sc = synth(c.node.scope as never).of(c.layer);
    expect(sb.source_code_hash).toBe(sa.source_code_hash);
    expect(sc.source_code_hash).not.toBe(sa.source_code_hash);
    expect(fs.readFileSync(a.zipPath).equals(zipFiles({ "email-to-oncall/runtime-config.json": Buffer.from(JSON_DOC) }))).toBe(true);
  });
});
