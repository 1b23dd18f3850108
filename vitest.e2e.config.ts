import { defineConfig } from "vitest/config"

// End-to-end tests against the firmware bytecode in the DeviceScript VM: one file at a time,
// since each starts the dev server on its fixed ports.
export default defineConfig({
    test: {
        include: ["test/e2e/**/*.test.ts"],
        fileParallelism: false,
        testTimeout: 60000,
        hookTimeout: 90000,
    },
})
