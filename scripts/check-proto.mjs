// Fails when src/generated differs from what `npm run proto` generates from proto/.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const out = mkdtempSync(join(tmpdir(), "proto-check-"));
try {
  const template = readFileSync("proto/buf.gen.yaml", "utf8").replace("out: src/generated", `out: ${out}`);
  const templatePath = join(out, "buf.gen.yaml");
  writeFileSync(templatePath, template);
  execFileSync("npx", ["buf", "generate", "proto", "--template", templatePath], { stdio: "inherit" });
  rmSync(templatePath);
  const files = (dir) => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
  const expected = new Map(files(out).map((path) => [relative(out, path), readFileSync(path, "utf8")]));
  const actual = new Map(files("src/generated").map((path) => [relative("src/generated", path), readFileSync(path, "utf8")]));
  const stale = [...new Set([...expected.keys(), ...actual.keys()])].filter((name) => expected.get(name) !== actual.get(name));
  if (stale.length > 0) {
    console.error(`src/generated is out of date with proto/ (run npm run proto): ${stale.join(", ")}`);
    process.exit(1);
  }
  console.log(`src/generated matches proto/ (${expected.size} files)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
