import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Two cores: bundle tests each build a vm context with a formula engine; keep workers at 2.
    pool: "forks",
    // Test files share a worker: the core is pure and every host test builds its own vm context,
    // so isolation buys nothing but a process start per file.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
