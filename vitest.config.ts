import { defineConfig } from "vitest/config"

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // these start the DeviceScript VM: vitest.e2e.config.ts runs them one at a time
        exclude: ["test/e2e/**", "node_modules/**"],
        testTimeout: 20000,
    },
})
