/**
 * The shape of dist/Code.js as Apps Script sees it: it loads in a bare V8 context (no Node
 * globals), every entry point and custom function is a top-level function declaration with its
 * JSDoc, and every function a menu item or a trigger names exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const code = readFileSync(join(root, "dist/Code.js"), "utf8");

function topLevelFunctions(): Set<string> {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  return new Set(Object.keys(context).filter((k) => typeof (context as Record<string, unknown>)[k] === "function"));
}

function gasSources(): string {
  const dir = join(root, "src/gas");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

describe("dist/Code.js as Apps Script loads it", () => {
  it("loads in a bare V8 context with no Node globals and defines onOpen", () => {
    const names = topLevelFunctions();
    expect(names.has("onOpen")).toBe(true);
    expect(names.has("installOrUpgrade")).toBe(true);
  });

  it("uses nothing Apps Script's V8 lacks", () => {
    for (const pattern of [/\brequire\(/, /\bprocess\.env/, /\bBuffer\./, /\bsetTimeout\(/, /\bfetch\(/, /^import\s/m, /^export\s/m]) {
      expect(code).not.toMatch(pattern);
    }
  });

  it("gives every custom function a top-level declaration with @customfunction JSDoc right above it", () => {
    const names = topLevelFunctions();
    const documented = [...code.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*?@customfunction[\s\S]*?)\*\/\nfunction (\w+)\(/g)].map((m) => m[2]);
    expect(documented.length).toBeGreaterThan(0);
    for (const name of documented) expect(names.has(name ?? "")).toBe(true);
    const exported = [...readFileSync(join(root, "src/gas/customFunctions.ts"), "utf8").matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(exported.sort());
  });

  it("defines every function that a menu item or a trigger names", () => {
    const names = topLevelFunctions();
    const sources = gasSources();
    const named = [
      ...[...sources.matchAll(/functionName:\s*"(\w+)"/g)].map((m) => m[1]),
      ...[...sources.matchAll(/newTrigger\(\s*"(\w+)"\s*\)/g)].map((m) => m[1]),
      ...[...sources.matchAll(/addItem\([^,]+,\s*"(\w+)"\s*\)/g)].map((m) => m[1]),
    ];
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(names, `menu/trigger names ${name}`).toContain(name);
  });
});
