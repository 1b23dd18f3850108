import { defineConfig } from "vitest/config"

// End-to-end tests against the firmware bytecode in the DeviceScript VM: one file at a time, since
// each keeps a VM busy on a two-core machine and the README's commands use the default ports.
export default defineConfig({
    test: {
        include: ["test/e2e/**/*.test.ts"],
        fileParallelism: false,
        testTimeout: 60000,
        hookTimeout: 90000,
    },
})
