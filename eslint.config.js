// One linter, type-aware (conventions: "one linter with type-aware rules").
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Fixture Apps Script projects are plain JavaScript written as for Google, outside the TS projects.
  { ignores: ["dist/", "out/", "node_modules/", "coverage/", "tests/fixtures/", "bench/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": ["error", { selector: "TSEnumDeclaration", message: "Use a union of string literals." }],
    },
  },
  {
    // The core is pure: no Apps Script services, no host code, no clock (architecture rule 1).
    files: ["src/core/**/*.ts", "src/render/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/gas/**", "**/local/**", "node:*"] }],
      "no-restricted-globals": ["error", "SpreadsheetApp", "MailApp", "GmailApp", "ScriptApp", "LockService", "PropertiesService", "CacheService", "FormApp", "HtmlService", "Utilities", "Session", "Logger"],
      "no-restricted-syntax": ["error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The core takes `now` as an argument." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The core takes `now` as an argument." },
        { selector: "TSEnumDeclaration", message: "Use a union of string literals." }],
    },
  },
  {
    // Dates are read in the workbook's time zone (src/core/time.ts), never in the machine's:
    // Date's local-time methods follow the process's zone, which differs between Apps Script,
    // CI and a developer's laptop.
    files: ["src/core/**/*.ts", "src/render/**/*.ts", "src/gas/**/*.ts"],
    rules: {
      "no-restricted-properties": ["error",
        ...["getFullYear", "getMonth", "getDate", "getDay", "getHours", "getMinutes", "getSeconds", "setFullYear", "setMonth", "setDate", "setHours", "setMinutes", "getTimezoneOffset", "toLocaleDateString", "toLocaleTimeString", "toLocaleString"]
          .map((property) => ({ property, message: "Use src/core/time.ts: wall-clock fields in the workbook's time zone." }))],
    },
  },
  {
    files: ["eslint.config.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
