import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Future, Loop, RuntimeError, Waiter, currentTask, gather, getEventLoop, getRunningLoop, print, setEventLoop, sleep, type Clock } from '../../src/index.js';
import { captured, record } from '../helpers.js';

test('a pass runs only the items queued at its start; items queued during it wait for the next', () => {
  const { loop } = captured();
  const order: string[] = [];
  // Pass 1 holds [A, C]. A queues B and a timer due at once: both belong to pass 2,
  // where due timers join the ready queue behind B. A loop without passes would run T or B before C.
  loop.callSoon(() => {
    order.push('A');
    loop.callSoon(() => order.push('B'));
    loop.callLater(0, () => order.push('T'));
  });
  loop.callSoon(() => order.push('C'));
  assert.equal(loop.step(), true);
  assert.deepEqual(order, ['A']);
  loop.step();
  assert.deepEqual(order, ['A', 'C']);
  loop.step();
  loop.step();
  assert.deepEqual(order, ['A', 'C', 'B', 'T']);
  assert.equal(loop.tick, 4);
});

test('step() runs exactly one ready item and returns false once nothing is left', () => {
  const { loop } = captured();
  const order: number[] = [];
  for (let i = 0; i < 3; i++) loop.callSoon(() => order.push(i));
  assert.equal(loop.step(), true);
  assert.deepEqual(order, [0]);
  assert.equal(loop.runItems(10), 2);
  assert.deepEqual(order, [0, 1, 2]);
  assert.equal(loop.step(), false);
});

test('timers fire by deadline, then in the order they were set', () => {
  const { loop } = captured();
  const fired: string[] = [];
  const at = (name: string) => () => fired.push(`${name}@${loop.time()}`);
  loop.callLater(2, at('a'));
  loop.callLater(1, at('b'));
  loop.callLater(1, at('c'));
  loop.callAt(1, at('d'));
  loop.callLater(0.5, at('e')).cancel();
  while (loop.step());
  assert.deepEqual(fired, ['b@1', 'c@1', 'd@1', 'a@2']);
});

test('the virtual clock jumps straight to the next deadline when nothing is ready', () => {
  const { loop } = captured();
  function* main() {
    yield* sleep(1);
    yield* sleep(2);
    return loop.time();
  }
  // Exact: no pass cost is charged while nothing is ready.
  assert.equal(loop.runUntilComplete(main()), 3);
});

test('passCost lets a timer expire while a Waiter polls (the seed 001 example)', () => {
  const { loop, lines } = captured();
  const waiter = new Waiter();
  function* coro1() {
    print('start');
    yield* waiter;
    print('finished');
  }
  function* coro2() {
    for (let i = 0; i < 3; i++) {
      print(i);
      yield* sleep(1);
    }
    waiter.done = true;
  }
  function* main() {
    yield* gather(coro1(), coro2());
  }
  loop.runUntilComplete(main());
  assert.deepEqual(lines, ['start', '0', '1', '2', 'finished']);
  // Each sleep(1) expired after about 1000 polling passes of 1 ms: time moved by the timers, not beyond.
  assert.ok(loop.time() >= 3 && loop.time() < 3.01, `time ${loop.time()}`);
});

test('without passCost a polling task keeps the clock still: the timer never fires', () => {
  const { loop } = captured({ passCost: 0 });
  const waiter = new Waiter();
  let woke = false;
  loop.createTask(waiter);
  loop.createTask(
    (function* () {
      yield* sleep(1);
      woke = true;
    })(),
  );
  assert.equal(loop.runItems(10_000), 10_000);
  assert.equal(woke, false);
  assert.equal(loop.time(), 0);
  waiter.done = true;
  while (loop.step());
  assert.equal(woke, true);
});

test('a bad yield is thrown back into the task as RuntimeError, at its next step', () => {
  const { loop } = captured();
  function* main() {
    try {
      yield 42;
    } catch (error) {
      return [(error as Error).name, (error as Error).message];
    }
    return 'not thrown';
  }
  assert.deepEqual(loop.runUntilComplete(main()), ['RuntimeError', 'Task got bad yield: 42']);
});

test('`yield fut` instead of `yield* fut` is reported, as asyncio reports `yield` for `yield from`', () => {
  const { loop } = captured();
  function* main() {
    const fut = loop.createFuture();
    try {
      yield fut;
    } catch (error) {
      assert.ok(error instanceof RuntimeError);
      return error.message;
    }
  }
  assert.match(loop.runUntilComplete(main())!, /^yield was used instead of yield\* in task Task \S+ pending with Future future pending$/);
});

test('yielding a generator (yield instead of yield*) is a bad yield too', () => {
  const { loop } = captured();
  function* inner() {}
  function* main() {
    try {
      yield inner();
    } catch (error) {
      return (error as Error).message;
    }
  }
  assert.match(loop.runUntilComplete(main())!, /^yield was used instead of yield\* for generator in task/);
});

test('a task awaiting itself gets RuntimeError and can carry on', () => {
  const { loop } = captured();
  function* main(): Generator<unknown, string, unknown> {
    const me = currentTask()!;
    try {
      yield* me;
    } catch (error) {
      return (error as Error).message;
    }
    return 'awaited itself';
  }
  assert.match(loop.runUntilComplete(main()), /^Task cannot await on itself: Task \S+ pending$/);
});

test('a future of another loop is refused', () => {
  const { loop } = captured();
  const other = new Loop();
  function* main() {
    try {
      yield* other.createFuture('alien');
    } catch (error) {
      return (error as Error).message;
    }
  }
  assert.match(loop.runUntilComplete(main())!, /got Future Future alien pending attached to a different loop/);
});

test('loop.step() from inside a task throws: the loop is never re-entered', () => {
  const { loop } = captured();
  function* main() {
    assert.throws(() => loop.step(), { name: 'RuntimeError', message: 'This event loop is already running' });
    yield;
    return 'ok';
  }
  assert.equal(loop.runUntilComplete(main()), 'ok');
});

test('runUntilComplete from inside a task throws before touching the running loop', () => {
  const { loop, lines } = captured();
  function* other() {
    print('other ran');
  }
  function* leftover() {
    try {
      yield* sleep(10);
    } finally {
      print('leftover cleaned up');
    }
  }
  function* main() {
    loop.createTask(leftover());
    assert.throws(() => loop.runUntilComplete(other()), /already running/);
    yield;
    return 'main';
  }
  // With cleanup (as run() does): the refused call must not replace main nor drop the cleanup.
  assert.equal(loop.runUntilComplete(main(), { cleanup: true }), 'main');
  assert.deepEqual(lines, ['leftover cleaned up']);
});

test('runUntilComplete on a future nobody settles throws a deadlock error', () => {
  const { loop } = captured();
  assert.throws(() => loop.runUntilComplete(loop.createFuture('never')), /deadlock/);
});

test('a task parked forever is a deadlock, not an endless loop', () => {
  const { loop } = captured();
  function* main() {
    yield* loop.createFuture('never');
  }
  assert.throws(() => loop.runUntilComplete(main()), /deadlock: no task is ready and no timer is set/);
  assert.equal(loop.idleReason, 'deadlock');
});

test('a sleep that can never end (Infinity, or past the clock\'s range) parks its task for good: a deadlock, the clock and the log stay finite', () => {
  const { loop } = captured();
  const events = record(loop);
  function* main() {
    yield* sleep(1);
    yield* sleep(Infinity);
  }
  assert.throws(() => loop.runUntilComplete(main()), /deadlock/);
  assert.equal(loop.time(), 1);
  for (const e of events) for (const v of Object.values(e)) if (typeof v === 'number') assert.ok(Number.isFinite(v), `every number in the log survives JSON: ${e.type}`);
  const other = captured().loop;
  other.callLater(1e300, () => assert.fail('1e300 seconds never come'));
  other.callLater(2, () => {});
  other.runUntilComplete(sleep(3));
  assert.equal(other.time(), 3);
});

test('runUntilComplete returns the result, rethrows the error, and the loop can be reused', () => {
  const { loop } = captured();
  function* ok() {
    yield;
    return 1;
  }
  function* bad(): Generator<unknown, never, unknown> {
    yield;
    throw new TypeError('boom');
  }
  assert.equal(loop.runUntilComplete(ok()), 1);
  assert.throws(() => loop.runUntilComplete(bad()), TypeError);
  assert.equal(loop.runUntilComplete(ok()), 1);
});

test('runUntilComplete stops at the end of the pass in which main settles', () => {
  const { loop, lines } = captured();
  function* spin() {
    for (let i = 0; ; i++) {
      print(`spin ${i}`);
      yield;
    }
  }
  function* main() {
    loop.createTask(spin());
    yield;
    print('main done');
  }
  loop.runUntilComplete(main());
  // Pass 1: main. Pass 2: spin 0, main ends. Pass 3: spin 1, the stop callback. Then the loop stops.
  assert.deepEqual(lines, ['spin 0', 'main done', 'spin 1']);
  // The spinner is still pending, and a later run picks it up where it was (as CPython does).
  loop.runUntilComplete(sleep(0));
  assert.deepEqual(lines.slice(3), ['spin 2', 'spin 3', 'spin 4']);
});

test('a callback that throws is reported on stderr and the loop carries on', () => {
  const { loop } = captured();
  const ran: string[] = [];
  const stderr = process.stderr.write;
  const errors: string[] = [];
  process.stderr.write = ((chunk: string) => errors.push(chunk) > 0) as typeof process.stderr.write;
  try {
    loop.callSoon(function explode() {
      throw new Error('bang');
    });
    loop.callSoon(() => ran.push('after'));
    while (loop.step());
  } finally {
    process.stderr.write = stderr;
  }
  assert.deepEqual(ran, ['after']);
  assert.deepEqual(errors, ['Exception in callback explode: Error: bang\n']);
});

test('getRunningLoop only inside a step; getEventLoop falls back to the current loop', () => {
  const { loop } = captured();
  assert.throws(() => getRunningLoop(), /no running event loop/);
  let inside: Loop | null = null;
  loop.callSoon(() => (inside = getRunningLoop()));
  loop.step();
  assert.equal(inside, loop);
  setEventLoop(loop);
  try {
    assert.equal(getEventLoop(), loop);
  } finally {
    setEventLoop(null);
  }
});

test('a clock that cannot jump leaves the loop waiting, not finished', () => {
  let now = 0;
  const clock: Clock = { now: () => now, advanceTo: () => false };
  const { loop } = captured({ clock });
  let fired = false;
  loop.callLater(1, () => (fired = true));
  assert.equal(loop.step(), false);
  assert.equal(loop.idleReason, 'waiting');
  assert.equal(loop.finished, false);
  now = 1;
  assert.equal(loop.step(), true);
  assert.equal(fired, true);
});

test('close() makes the loop refuse to start', () => {
  const { loop } = captured();
  loop.close();
  assert.throws(() => loop.runUntilComplete(new Future(loop)), /closed/);
});

test('a run ended by loop.stop() leaves no stop behind: the next run on the same loop goes to its end', () => {
  const { loop } = captured();
  const gate = loop.createFuture<string>('gate');
  function* stopper() {
    yield* sleep(0.5);
    loop.stop();
  }
  loop.createTask(stopper());
  assert.throws(() => loop.runUntilComplete(gate), /stopped before Future completed/);
  function* later() {
    gate.setResult('open'); // the first run's main settles now, during the second run
    yield* sleep(5);
    return 'slept';
  }
  assert.equal(loop.runUntilComplete(later()), 'slept');
  assert.equal(loop.time(), 5.5);
});

test('a stop before main settles ends the log with outcome "stopped", with or without the cleanup of run()', () => {
  for (const cleanup of [false, true]) {
    const { loop } = captured();
    const ends: string[] = [];
    loop.events$.subscribe((e) => {
      if (e.type === 'loop-end') ends.push(e.outcome);
    });
    function* main() {
      loop.stop();
      yield* sleep(10);
    }
    assert.throws(() => loop.runUntilComplete(main(), { cleanup }), /stopped before Future completed/);
    assert.deepEqual(ends, ['stopped'], `cleanup ${cleanup}`);
  }
});

test('passCost is paid only after a busy pass: tasks woken by timers keep exact times', () => {
  const { loop, lines } = captured();
  function* ticker() {
    for (let i = 0; i < 3; i++) {
      yield* sleep(1);
      print('ticker', loop.time());
    }
  }
  function* sleeper() {
    yield* sleep(10);
    print('sleeper', loop.time());
  }
  function* main() {
    yield* gather(ticker(), sleeper());
  }
  loop.runUntilComplete(main());
  assert.deepEqual(lines, ['ticker 1', 'ticker 2', 'ticker 3', 'sleeper 10']);
});

test('a future from another copy of coroscope (a demo importing a second install) is a bad yield that says so', async (t) => {
  // A second copy of the compiled package: a second install, as a demo importing it would get.
  const dist = fileURLToPath(new URL('../../', import.meta.url));
  const copyDir = join(dist, `copy-${process.pid}`, 'src');
  // The compiled modules and the one-file build they load from.
  for (const part of ['src', 'one-file']) cpSync(join(dist, part), join(dist, `copy-${process.pid}`, part), { recursive: true });
  t.after(() => rmSync(join(copyDir, '..'), { recursive: true, force: true }));
  const copy = (await import(pathToFileURL(join(copyDir, 'index.js')).href)) as typeof import('../../src/index.js');
  assert.notEqual(copy.Future, Future);
  const { loop } = captured();
  const foreign = new copy.Loop();
  function* main() {
    try {
      yield* foreign.createFuture();
    } catch (error) {
      return [(error as Error).name, (error as Error).message];
    }
    return 'not thrown';
  }
  const [name, message] = loop.runUntilComplete(main()) as string[];
  assert.equal(name, 'RuntimeError');
  assert.match(message!, /^Task \S+ pending got a future from another copy of coroscope \(file:.*copy-\d+\/src\/core\/future\.js; this loop's is file:.*\/dist\/src\/core\/future\.js\): import everything from 'coroscope'$/);
});
