import { RuntimeError } from './errors.js';
import { Loop, getRunningLoop, setEventLoop, skipTaskNames, type Awaitable, type LoopOptions } from './loop.js';
import type { Coroutine, Task } from './task.js';

export type RunOptions = LoopOptions;

/**
 * asyncio.run: a new loop, run `main` to the end, cancel the tasks it left pending
 * and let their `finally` blocks run, close the loop; return main's result or throw.
 */
export function run<T>(main: Awaitable<T> | Coroutine<T>, options: RunOptions = {}): T {
  let running: Loop | null = null;
  try {
    running = getRunningLoop();
  } catch {
    // no running loop: as it should be
  }
  if (running !== null) throw new RuntimeError('run() cannot be called from a running event loop');
  const loop = new Loop(options);
  setEventLoop(loop);
  try {
    return loop.runUntilComplete(main, { cleanup: true });
  } finally {
    // asyncio.run's runner closes with two more tasks (shutdown_asyncgens and
    // shutdown_default_executor): nothing to do here, but they take their Task-N numbers.
    skipTaskNames(2);
    loop.close();
    setEventLoop(null);
  }
}

/** asyncio.create_task: schedule an awaitable as a Task of the running loop. */
export function createTask<T>(awaitable: Awaitable<T> | Coroutine<T>, name?: string): Task<T> {
  return getRunningLoop().createTask(awaitable, name);
}
