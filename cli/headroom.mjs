#!/usr/bin/env node
// `npx headroom`: the command is TypeScript over the shared core, run through tsx's loader.
import { register } from "tsx/esm/api"

register()
await import("./headroom.ts")
