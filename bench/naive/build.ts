/**
 * Builds the naive peer (./peer.ts) into an Apps Script project of its own — `Code.js` and the
 * product's `appsscript.json` (same time zone) — in a directory the bench chooses, the way
 * scripts/build.ts builds dist/: esbuild bundles the module into an IIFE held by one global, and
 * each export gets a top-level `function NAME() { … }` forwarder, because Apps Script (and the
 * local host) only call top-level functions. Built on every bench run, so it can never drift from
 * the core it reuses.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleAppsScript } from "../../scripts/build";
import * as peer from "./peer";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const GLOBAL = "NaivePeer";

/** Writes `<outDir>/Code.js` and `<outDir>/appsscript.json`; returns the path of Code.js. */
export async function buildNaivePeer(outDir: string): Promise<string> {
  const code = await bundleAppsScript(join(here, "peer.ts"), GLOBAL);
  const forwarders = Object.keys(peer)
    .sort()
    .map((name) => `function ${name}() {\n  return ${GLOBAL}.${name}.apply(this, arguments);\n}\n`);
  mkdirSync(outDir, { recursive: true });
  const codePath = join(outDir, "Code.js");
  writeFileSync(codePath, `// The bench's naive peer, built from bench/naive/peer.ts by bench/naive/build.ts.\n${code}\n${forwarders.join("\n")}`);
  copyFileSync(join(root, "appsscript.json"), join(outDir, "appsscript.json"));
  return codePath;
}
