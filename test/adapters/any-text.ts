/**
 * The property test/hostile/property.test.ts checks over the whole registry, at its fixed seed, for
 * one adapter: any Unicode text gives a Device or a ParseError located at `file:line`, never
 * another exception (issue 13). Returns the failure, or undefined.
 */
import fc from 'fast-check';
import type { Adapter } from '../../src/model/adapter.js';
import { ParseError } from '../../src/model/errors.js';

const FILE = 'fuzz/in.conf';

/** Runs `run`; anything but a value or a ParseError at `file:line` is returned as the failure. */
export function answer(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (!(e instanceof ParseError)) return `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`;
    return /^fuzz\/in\.(conf|txt):\d+: \S/.test(e.located) ? undefined : `a ParseError without file:line: ${e.located.slice(0, 200)}`;
  }
}

export function anyTextAnswers(a: Adapter, seed = 13, numRuns = 40): string | undefined {
  const r = fc.check(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
      const failure = [answer(() => a.detect(text, FILE)), answer(() => a.parse(text, FILE)), answer(() => a.state?.read(text, 'fuzz/in.txt'))].find(Boolean);
      if (failure) throw new Error(failure);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  return r.failed
    ? `${JSON.stringify(r.counterexample?.[0])}: ${r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance)}`
    : undefined;
}
