import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filter, firstValueFrom, map, take, toArray } from 'rxjs';
import { Loop, print, setEventLoop, sleep, type LoopEvent } from '../../src/index.js';

function* chatty(lines: number) {
  for (let i = 0; i < lines; i++) {
    print('line', i);
    yield* sleep(0);
  }
  return 'done';
}

function freshLoop(): Loop {
  const loop = new Loop({ write: () => {} });
  setEventLoop(loop);
  return loop;
}

test('events$ is a real Observable: operators, take, firstValueFrom', async () => {
  const loop = freshLoop();
  const firstPrint = firstValueFrom(loop.events$.pipe(filter((e): e is Extract<LoopEvent, { type: 'print' }> => e.type === 'print'), map((e) => e.text)));
  const threeTypes = firstValueFrom(loop.events$.pipe(take(3), map((e) => e.type), toArray()));
  loop.runUntilComplete(chatty(3));
  assert.equal(await firstPrint, 'line 0');
  assert.deepEqual(await threeTypes, ['loop-start', 'task-spawn', 'task-scheduled']);
  // Both pipelines completed: their listeners are gone, so the loop builds no more events.
  assert.equal(loop.events$.listeners.length, 0);
});

test('unsubscribing a piped subscription removes its listener; events are no longer built', () => {
  const loop = freshLoop();
  const seen: string[] = [];
  const subscription = loop.events$.pipe(map((e) => e.type)).subscribe((type) => seen.push(type));
  loop.createTask(chatty(1));
  assert.ok(loop.step());
  subscription.unsubscribe();
  assert.equal(loop.events$.listeners.length, 0);
  const count = seen.length;
  const later: LoopEvent[] = [];
  while (loop.step());
  assert.equal(seen.length, count);
  loop.events$.subscribe((e) => later.push(e));
  assert.equal(later.length, 0, 'nothing delivered to a subscriber after the run');
});

test('a subscriber that unsubscribes while an event is delivered stops receiving, the others do not miss it', () => {
  const loop = freshLoop();
  const first: string[] = [];
  const second: string[] = [];
  const subscription = loop.events$.subscribe((e) => {
    first.push(e.type);
    if (e.type === 'step-begin') subscription.unsubscribe();
  });
  loop.events$.subscribe({ next: (e) => second.push(e.type) });
  loop.runUntilComplete(chatty(2));
  assert.equal(first.at(-1), 'step-begin');
  assert.ok(second.length > first.length);
  assert.equal(second[first.length - 1], 'step-begin', 'the second subscriber saw the same event');
});

test('a subscriber that throws on a print: the task never sees it, the loop rethrows after the step, and the run can go on', () => {
  const loop = freshLoop();
  let thrown = 0;
  loop.events$.subscribe((e) => {
    if (e.type === 'print' && e.text === 'line 1') {
      thrown++;
      throw new Error('bad listener');
    }
  });
  const task = loop.createTask(chatty(3));
  const seen: string[] = [];
  loop.events$.subscribe((e) => seen.push(e.type));
  let failure: unknown = null;
  while (!task.done()) {
    try {
      if (!loop.step()) break;
    } catch (error) {
      failure = error;
    }
  }
  assert.equal(thrown, 1);
  assert.match(String(failure), /bad listener/);
  assert.equal(task.result(), 'done', 'the task went on as if nothing happened: the error was not thrown into it');
  assert.ok(seen.includes('step-end'), 'later subscribers still received every event');
});

test('a subscriber that throws in the kernel (a step-begin) ends the run: the error surfaces, the loop stops for good', () => {
  const loop = freshLoop();
  loop.events$.subscribe((e) => {
    if (e.type === 'step-begin' && e.tick === 2) throw new Error('broken view');
  });
  const main = loop.start(chatty(5));
  assert.throws(() => {
    while (loop.step());
  }, /broken view/);
  assert.equal(loop.finished, true);
  assert.equal(loop.step(), false, 'no step after the kernel was interrupted mid-item');
  assert.equal(main.done(), false);
});
