// Module hooks for worker threads started from the TypeScript sources (under vitest, which
// transforms only its own thread): NodeNext-style "./x.js" imports resolve to "./x.ts", and
// .ts files are stripped of their types by esbuild (a dev dependency through vite).
import { readFile } from "node:fs/promises";
import { transform } from "esbuild";

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromTypeScript = context.parentURL?.endsWith(".ts") && specifier.startsWith(".");
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || !fromTypeScript || !specifier.endsWith(".js")) {
      throw error;
    }
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return nextLoad(url, context);
  const source = await readFile(new URL(url), "utf8");
  const { code } = await transform(source, {
    loader: "ts",
    format: "esm",
    sourcefile: url,
    sourcemap: "inline",
  });
  return { format: "module", source: code, shortCircuit: true };
}
