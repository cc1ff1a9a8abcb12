/**
 * The TypeScript side of the differential test: runs the same random programs as
 * interpreter.py, statement for statement, and returns the printed lines.
 * `catch` rethrows CancelledError to mirror Python's `except Exception` (CancelledError is
 * a BaseException there).
 */
import {
  CancelledError,
  Event,
  ExceptionGroup,
  Lock,
  Queue,
  Semaphore,
  TaskGroup,
  TimeoutError,
  asyncWith,
  createTask,
  currentTask,
  gather,
  getRunningLoop,
  print,
  run,
  shield,
  sleep,
  waitFor,
  type Task,
} from '../../../src/index.js';
import { pyRepr } from '../../helpers.js';

export type Stmt =
  | { t: 'print' | 'turn' | 'raise' | 'cancel' | 'join' | 'soon' | 'selfcancel'; label: string }
  | { t: 'call' | 'spawn' | 'shield' | 'waitzero'; label: string; body: Stmt[] }
  | { t: 'gather' | 'lock' | 'semaphore' | 'queue' | 'taskgroup'; label: string; bodies: Stmt[][] }
  | { t: 'event'; label: string; waiters: number; setter: Stmt[] };

class Boom extends Error {
  override name = 'Boom';
}

/** `except Exception as e`: CancelledError passes through. */
function caught(error: unknown): string {
  if (error instanceof CancelledError) throw error;
  return (error as Error).message;
}

function* runBody(body: Stmt[]): Generator<unknown, number, unknown> {
  const spawned: [string, Task<number>][] = [];
  for (const s of body) yield* runStmt(s, spawned);
  for (const [label, task] of spawned) {
    try {
      print('awaited', label, yield* task);
    } catch (error) {
      if (error instanceof CancelledError) print('awaited', label, 'cancelled');
      else print('awaited', label, 'raised', caught(error));
    }
  }
  return body.length;
}

function* spawnedBody(label: string, body: Stmt[]) {
  try {
    return yield* runBody(body);
  } finally {
    print('end', label);
  }
}

function* runStmt(s: Stmt, spawned: [string, Task<number>][]): Generator<unknown, void, unknown> {
  const label = s.label;
  switch (s.t) {
    case 'print':
      print(label);
      return;
    case 'turn':
      yield* sleep(0);
      return;
    case 'raise':
      throw new Boom(label);
    case 'call':
      try {
        print('call', label, yield* runBody(s.body));
      } catch (error) {
        print('call', label, 'raised', caught(error));
      }
      return;
    case 'spawn':
      spawned.push([label, createTask(spawnedBody(label, s.body))]);
      return;
    case 'cancel': {
      const last = spawned[spawned.length - 1];
      if (last) print('cancel', last[0], pyRepr(last[1].cancel()));
      return;
    }
    case 'join': {
      const last = spawned[spawned.length - 1];
      if (!last) return;
      try {
        print('join', last[0], yield* last[1]);
      } catch (error) {
        if (error instanceof CancelledError) print('join', last[0], 'cancelled');
        else print('join', last[0], 'raised', caught(error));
      }
      return;
    }
    case 'soon':
      getRunningLoop().callSoon(print, label);
      return;
    case 'selfcancel':
      // Not in main: a cancelled main would make asyncio.run cancel leftovers in set order.
      if (currentTask() !== mainTask) print('selfcancel', label, pyRepr(currentTask()!.cancel()));
      return;
    case 'gather':
      try {
        print('gather', label, yield* gather(...s.bodies.map(runBody)));
      } catch (error) {
        print('gather', label, 'raised', caught(error));
      }
      return;
    case 'event': {
      const event = new Event();
      const setterBody = s.setter;
      function* waiter(i: number) {
        yield* event.wait();
        print('woke', label, i);
        return i;
      }
      function* setter() {
        try {
          return yield* runBody(setterBody);
        } finally {
          event.set();
        }
      }
      const waiters = Array.from({ length: s.waiters }, (_, i) => waiter(i));
      try {
        print('event', label, yield* gather(setter(), ...waiters));
      } catch (error) {
        print('event', label, 'raised', caught(error));
      }
      return;
    }
    case 'lock': {
      const lock = new Lock();
      function* worker(i: number, body: Stmt[]) {
        yield* lock.acquire();
        try {
          print('lock', label, i);
          return yield* runBody(body);
        } finally {
          lock.release();
        }
      }
      try {
        print('lock', label, yield* gather(...s.bodies.map((b, i) => worker(i, b))));
      } catch (error) {
        print('lock', label, 'raised', caught(error));
      }
      return;
    }
    case 'semaphore': {
      const sem = new Semaphore(2);
      function* semWorker(i: number, body: Stmt[]) {
        return yield* asyncWith(sem, function* () {
          print('sem', label, i);
          return yield* runBody(body);
        });
      }
      try {
        print('sem', label, yield* gather(s.bodies.map((b, i) => semWorker(i, b))));
      } catch (error) {
        print('sem', label, 'raised', caught(error));
      }
      return;
    }
    case 'queue': {
      const q = new Queue<number>();
      const bodies = s.bodies;
      function* producer() {
        for (let i = 0; i < bodies.length; i++) {
          yield* q.put(i);
          print('put', label, i);
          yield* sleep(0);
        }
      }
      function* consumer() {
        let total = 0;
        for (let n = 0; n < bodies.length; n++) {
          const i = yield* q.get();
          print('got', label, i);
          try {
            total += yield* runBody(bodies[i]!);
          } catch (error) {
            print('got', label, i, 'raised', caught(error));
          }
          q.taskDone();
        }
        return total;
      }
      try {
        print('queue', label, pyRepr(yield* gather(producer(), consumer())));
      } catch (error) {
        print('queue', label, 'raised', caught(error));
      }
      return;
    }
    case 'taskgroup':
      try {
        yield* asyncWith(new TaskGroup(), function* (tg) {
          s.bodies.forEach((b, i) => tg.createTask(spawnedBody(`${label}.${i}`, b)));
        });
        print('tg', label, 'ok');
      } catch (error) {
        if (!(error instanceof ExceptionGroup)) throw error;
        print('tg', label, 'raised', error.exceptions.map((e) => (e as Error).message).sort());
      }
      return;
    case 'shield': {
      const task = createTask(spawnedBody(label, s.body));
      try {
        print('shield', label, yield* shield(task));
      } catch (error) {
        if (error instanceof CancelledError) print('shield', label, 'cancelled');
        else print('shield', label, 'raised', caught(error));
      }
      return;
    }
    case 'waitzero':
      try {
        print('waitfor', label, yield* waitFor(runBody(s.body), 0));
      } catch (error) {
        if (error instanceof TimeoutError) print('waitfor', label, 'timeout');
        else throw error;
      }
      return;
  }
}

let mainTask: Task<unknown> | null = null;

function* main(program: Stmt[]) {
  mainTask = currentTask();
  let result: number | string;
  try {
    result = yield* runBody(program);
  } catch (error) {
    // A gather child that cancelled itself fails the gather with CancelledError.
    result = error instanceof CancelledError ? 'cancelled' : `raised ${caught(error)}`;
  }
  const loop = getRunningLoop();
  while (loop.live.size > 1) yield* sleep(0);
  print('main', result);
}

/** The lines one program prints, as interpreter.py prints them after its `===`. */
export function interpret(program: Stmt[]): string[] {
  const lines: string[] = [];
  run(main(program), { write: (line) => lines.push(line) });
  return lines;
}
