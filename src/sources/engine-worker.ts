/**
 * The worker thread the dashboard runs a TypeScript demo in (WorkerSource is the other
 * end). User code never runs on the UI thread: a task that never yields blocks this
 * thread only, and `worker.terminate()` stops it wherever it is.
 *
 * Why a worker thread and not a child process: it starts in ~30 ms without a second
 * Node to boot, it shares memory, so the UI thread can ask for ticks through a
 * SharedArrayBuffer and this thread can sleep on Atomics.wait between demands (no
 * message round trip per tick), and terminate() interrupts even `while (true) {}`.
 *
 * Control block (Int32 words, see worker.ts): GENERATION is bumped by every new demand;
 * LAST_TASK is the task whose step began last (read by the UI thread when this thread
 * does not answer); the demand itself is a Float64 at DEMAND_OFFSET.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import type { Demo } from '../demo.js';
import { startSession } from '../player/session.js';
import { loadDemo } from '../registry.js';
import { ENGINE_SLICE, EngineRun, LOCATE_WITHIN } from './engine-run.js';
import { DEMAND_OFFSET, GENERATION, LAST_TASK, type WorkerReply, type WorkerSpec } from './worker-protocol.js';

const spec = workerData as WorkerSpec;
const control = new Int32Array(spec.control);
const demand = new Float64Array(spec.control, DEMAND_OFFSET, 1);
const port = parentPort!;

function post(reply: WorkerReply): void {
  port.postMessage(reply);
}

/**
 * A manager demo (a plain function sending into coroutines) cannot be paused from outside:
 * it runs whole, and its gate — called before each tick — sends what came before and
 * sleeps until the dashboard asks for that tick.
 */
function runManaged(demo: Demo): void {
  let batch: LoopEvent[] = [];
  let sentTick = -1;
  const send = (tick: number, finished: boolean) => {
    if (batch.length > 0 || tick > sentTick || finished) post({ kind: 'events', json: JSON.stringify(batch), tick, finished, waiting: false });
    batch = [];
    sentTick = tick;
  };
  const gate = (tick: number) => {
    send(tick - 1, false);
    for (;;) {
      const generation = Atomics.load(control, GENERATION);
      if (demand[0]! >= tick) return true;
      Atomics.wait(control, GENERATION, generation);
    }
  };
  const session = startSession(demo, { seed: spec.seed, locations: spec.locations, gate }, (event) => {
    if (event.type === 'step-begin') control[LAST_TASK] = event.task;
    batch.push(event);
  });
  const run = session.managed!;
  try {
    run.run();
  } catch (error) {
    post({ kind: 'error', message: `the manager broke: ${oneLine(error)}`, json: JSON.stringify(batch), tick: run.tick });
    return;
  }
  send(run.tick, true);
}

async function main(): Promise<void> {
  let run: EngineRun;
  try {
    const { demo } = await loadDemo(spec.demo, spec.cwd);
    if (demo.manager !== undefined) return runManaged(demo);
    run = new EngineRun(demo, { seed: spec.seed, policy: spec.policy, locations: spec.locations }, (task) => {
      control[LAST_TASK] = task;
    });
  } catch (error) {
    post({ kind: 'error', message: `demo failed to start: ${oneLine(error)}` });
    return;
  }
  post({ kind: 'events', json: JSON.stringify(run.take()), tick: run.tick, finished: run.finished, waiting: false });
  try {
    while (!run.finished) {
      const generation = Atomics.load(control, GENERATION);
      const target = demand[0]!;
      if (run.tick >= target) {
        Atomics.wait(control, GENERATION, generation);
        continue;
      }
      // Near the screen, one tick per message: a step that never returns still leaves every tick before it on screen.
      const events = run.runTo(target, target - run.tick <= LOCATE_WITHIN ? 1 : ENGINE_SLICE);
      post({ kind: 'events', json: JSON.stringify(events), tick: run.tick, finished: run.finished, waiting: run.waiting });
      if (run.waiting) Atomics.wait(control, GENERATION, generation); // only a new demand wakes a run that waits on a real clock
    }
  } catch (error) {
    const events = run.take();
    post({ kind: 'error', message: `the loop broke: ${oneLine(error)}`, json: JSON.stringify(events), tick: run.tick });
  }
}

void main();
