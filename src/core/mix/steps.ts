/**
 * A ride as data: a list of balance operations applied in order, as the CLI, the golden fixture
 * and the tests write them.
 */
import { lower, MixResult, MixState, movesBetween, push, raise, trim } from "./balance"
import type { FaderLawName } from "./taper"

/** One operation of a ride. */
export interface Step {
    /** "raise" | "lower" | "push" | "trim" */
    op: string
    /** Channel (0-based) or group id; a channel for push; unused by trim. */
    target: number | string
    /** dB for raise, lower and trim; a fader position 0..1 for push. */
    value: number
}

/** The operations a Step may name. */
export const STEP_OPS: string[] = ["raise", "lower", "push", "trim"]

/** Applies one step; `law` reads push positions. An unknown op leaves the state with a warning. */
export function applyStep(s: MixState, step: Step, law: FaderLawName): MixResult {
    if (step.op === "raise") return raise(s, step.target, step.value)
    if (step.op === "lower") return lower(s, step.target, step.value)
    if (step.op === "trim") return trim(s, step.value)
    if (step.op === "push") {
        if (typeof step.target !== "number") return { state: s, moves: [], warnings: [`push: ${step.target} is not a channel`] }
        return push(s, step.target, step.value, law)
    }
    return { state: s, moves: [], warnings: [`unknown operation ${step.op}`] }
}

/** Applies `steps` in order: the final state, the net moves from `s` to it, every warning. */
export function applySteps(s: MixState, steps: Step[], law: FaderLawName): MixResult {
    let state = s
    const warnings: string[] = []
    steps.forEach(step => {
        const r = applyStep(state, step, law)
        state = r.state
        r.warnings.forEach(w => warnings.push(w))
    })
    return { state: state, moves: movesBetween(s, state), warnings: warnings }
}
