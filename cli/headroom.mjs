#!/usr/bin/env node
// `headroom` (npm run headroom, or on the PATH after npm install --global .): the command is
// TypeScript over the shared core, run through tsx's loader.
import { register } from "tsx/esm/api"

register()
await import("./headroom.ts")
