import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { zipFiles } from "../../stacks/zip";

describe("zipFiles", () => {
  const files = { "index.mjs": Buffer.from("export const handler = async () => 'é ok';\n".repeat(200)), "b/notes.txt": Buffer.from("second file") };

  test("is deterministic: same input, same bytes (stable asset hash and plan)", () => {
    expect(zipFiles(files).equals(zipFiles({ "b/notes.txt": files["b/notes.txt"], "index.mjs": files["index.mjs"] }))).toBe(true);
    expect(zipFiles(files).equals(zipFiles({ ...files, "index.mjs": Buffer.from("changed") }))).toBe(false);
  });

  test("is a real zip archive that a standard unzip tool extracts byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-zip-"));
    const zip = path.join(dir, "code.zip");
    fs.writeFileSync(zip, zipFiles(files));
    // Python's zipfile is an independent implementation (and checks the CRCs).
    const script = "import sys,zipfile,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename:[z.read(i).decode(),oct(i.external_attr>>16)] for i in z.infolist()}))";
    const out = spawnSync("python3", ["-c", script, zip], { encoding: "utf8" });
    expect(out.status).toBe(0);
    const read = JSON.parse(out.stdout);
    expect(read["index.mjs"][0]).toBe(files["index.mjs"].toString());
    expect(read["b/notes.txt"][0]).toBe("second file");
    expect(read["index.mjs"][1]).toBe("0o100644");
  });
});
