/**
 * Differential parity: random programs of prints, loop turns (sleep(0)), call_soon
 * callbacks, sub-coroutine calls, spawned tasks, joins, cancellations (of a task or of
 * itself), raised errors, gathers, Events and Locks run under
 * CPython (test/parity/differential/interpreter.py, one python3 process for the batch)
 * and on coroscope (interpreter.ts); every program must print the same lines.
 * No real time is involved, so the comparison is exact. The seed is fixed so a failure
 * reproduces; the message carries the program.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { childEnv, python3, repoRoot } from '../helpers.js';
import { interpret, type Stmt } from './differential/interpreter.js';

type Shape =
  | { t: 'print' | 'turn' | 'raise' | 'cancel' | 'join' | 'soon' | 'selfcancel' }
  | { t: 'call' | 'spawn' | 'shield' | 'waitzero'; body: Shape[] }
  | { t: 'gather' | 'lock' | 'semaphore' | 'queue'; bodies: Shape[][] }
  | { t: 'taskgroup'; bodies: Shape[][] }
  | { t: 'event'; waiters: number; setter: Shape[] };

const { body: shapeArb } = fc.letrec<{ body: Shape[]; stmt: Shape }>((tie) => ({
  body: fc.array(tie('stmt'), { maxLength: 5 }),
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Shape>({ t: 'print' }, { t: 'print' }, { t: 'turn' }, { t: 'turn' }, { t: 'turn' }, { t: 'raise' }, { t: 'cancel' }, { t: 'join' }, { t: 'soon' }, { t: 'selfcancel' }),
    fc.record({ t: fc.constantFrom('call' as const, 'spawn' as const, 'shield' as const, 'waitzero' as const), body: tie('body') }),
    fc.record({ t: fc.constantFrom('gather' as const, 'lock' as const, 'semaphore' as const, 'queue' as const), bodies: fc.array(tie('body'), { minLength: 1, maxLength: 3 }) }),
    // Two children at most: CPython cancels a TaskGroup's children in set (address) order.
    fc.record({ t: fc.constant('taskgroup' as const), bodies: fc.array(tie('body'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ t: fc.constant('event' as const), waiters: fc.integer({ min: 0, max: 3 }), setter: tie('body') }),
  ) as fc.Arbitrary<Shape>,
}));

/** Give every statement a unique label (s0, s1, …) so each printed line says who printed it. */
function label(body: Shape[], next = { n: 0 }): Stmt[] {
  return body.map((s): Stmt => {
    const l = `s${next.n++}`;
    switch (s.t) {
      case 'call':
      case 'spawn':
      case 'shield':
      case 'waitzero':
        return { t: s.t, label: l, body: label(s.body, next) };
      case 'gather':
      case 'lock':
      case 'semaphore':
      case 'queue':
      case 'taskgroup':
        return { t: s.t, label: l, bodies: s.bodies.map((b) => label(b, next)) };
      case 'event':
        return { t: s.t, label: l, waiters: s.waiters, setter: label(s.setter, next) };
      default:
        return { t: s.t, label: l };
    }
  });
}

const SEED = 20261121;
const RUNS = 120;

test(`${RUNS} random programs print the same lines under CPython asyncio and coroscope`, () => {
  const programs = fc.sample(shapeArb, { seed: SEED, numRuns: RUNS }).map((shape) => label(shape));
  const python = execFileSync(python3(), [join(repoRoot, 'test', 'parity', 'differential', 'interpreter.py')], {
    input: programs.map((p) => JSON.stringify(p)).join('\n') + '\n',
    encoding: 'utf8',
    env: childEnv,
    timeout: 30_000,
    stdio: ['pipe', 'pipe', 'ignore'], // CPython's stderr: "Task exception was never retrieved"
  });
  const expected = python.split('===\n').slice(1).map((chunk) => chunk.split('\n').slice(0, -1));
  assert.equal(expected.length, programs.length, 'python3 answered for every program');
  programs.forEach((program, i) => {
    assert.deepEqual(interpret(program), expected[i], `program ${i} (seed ${SEED}) prints differently:\n${JSON.stringify(program)}`);
  });
});
