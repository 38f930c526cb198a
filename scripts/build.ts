/**
 * Builds the Apps Script project in `dist/`: one `Code.js`, `appsscript.json` and any HTML files.
 *
 * esbuild bundles `src/gas/main.ts` into an IIFE assigned to the global `MarketOps`. Apps Script only
 * sees top-level function declarations (for menus, triggers, `google.script.run` and custom
 * functions), so for every export of main.ts this script appends a top-level
 * `function NAME(params) { return MarketOps.NAME.apply(this, arguments); }` with the export's JSDoc
 * copied above it; that JSDoc (`@customfunction`, `@param`) is what Sheets shows as autocomplete help.
 * The exports are read with the TypeScript compiler API, so re-exports (`export * from`) count too.
 */
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/gas/main.ts");
const outDir = join(root, "dist");
const GLOBAL = "MarketOps";

/** What Apps Script's V8 lacks; the bundle must not mention any of it at top level or inside. */
const FORBIDDEN = [/\brequire\(/, /\bprocess\./, /\bBuffer\./, /\bsetTimeout\(/, /\bfetch\(/, /\bTextEncoder\b/, /^\s*(import|export)\s/m];

interface PublicFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly jsDoc: string;
}

/** Every export of the entry module, resolved through re-exports, as a function with its JSDoc. */
export function publicFunctions(entryFile: string): PublicFunction[] {
  const configPath = join(root, "src/gas/tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!config) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: [entryFile], options: config.options });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  if (!source) throw new Error(`cannot read ${entryFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entryFile} is not a module`);
  const problems: string[] = [];
  const result: PublicFunction[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.find(ts.isFunctionDeclaration);
    if (!decl) {
      problems.push(`${exported.name}: only function declarations may be exported from src/gas/main.ts`);
      continue;
    }
    const params = decl.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "arg"));
    const text = decl.getSourceFile().getFullText();
    const jsDoc = (ts.getLeadingCommentRanges(text, decl.getFullStart()) ?? [])
      .filter((c) => text.startsWith("/**", c.pos))
      .map((c) => text.slice(c.pos, c.end))
      .pop();
    if (!jsDoc) problems.push(`${exported.name}: an exported entry point needs a JSDoc comment (${relative(root, decl.getSourceFile().fileName)})`);
    result.push({ name: exported.name, params, jsDoc: jsDoc ?? "" });
  }
  if (problems.length) throw new Error(`src/gas/main.ts:\n  ${problems.join("\n  ")}`);
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

/** Re-indents a JSDoc block to column 0. */
function flushLeft(jsDoc: string): string {
  return jsDoc
    .split("\n")
    .map((line) => line.replace(/^\s+\*/, " *"))
    .join("\n");
}

function forwarder(fn: PublicFunction): string {
  return `${flushLeft(fn.jsDoc)}\nfunction ${fn.name}(${fn.params.join(", ")}) {\n  return ${GLOBAL}.${fn.name}.apply(this, arguments);\n}\n`;
}

/**
 * Bundles a module into an IIFE held by one global, targeting what Apps Script's V8 runs. Shared by
 * the product build and the bench's naive peer, so both run the same kind of file.
 */
export async function bundleAppsScript(entryFile: string, globalName: string): Promise<string> {
  const bundle = await build({
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    format: "iife",
    globalName,
    platform: "neutral",
    target: "es2020",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const code = bundle.outputFiles[0]?.text;
  if (!code) throw new Error(`esbuild produced no output for ${entryFile}`);
  return code;
}

async function main(): Promise<void> {
  const code = await bundleAppsScript(entry, GLOBAL);
  const functions = publicFunctions(entry);
  const banner = `// MarketOps — built from src/gas/main.ts by scripts/build.ts. Do not edit: edit the TypeScript sources.\n`;
  const out = `${banner}${code}\n${functions.map(forwarder).join("\n")}`;
  const forbidden = FORBIDDEN.filter((re) => re.test(out));
  if (forbidden.length) throw new Error(`dist/Code.js uses what Apps Script lacks: ${forbidden.map(String).join(", ")}`);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "Code.js"), out);
  copyFileSync(join(root, "appsscript.json"), join(outDir, "appsscript.json"));
  for (const file of readdirSync(join(root, "src/gas"), { recursive: true, encoding: "utf8" })) {
    if (file.endsWith(".html")) copyFileSync(join(root, "src/gas", file), join(outDir, file.split("/").pop() ?? file));
  }
  console.log(`dist/Code.js: ${(out.length / 1024).toFixed(0)} KiB, ${functions.length} top-level functions`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
