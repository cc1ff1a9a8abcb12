/**
 * coroscope's public API: asyncio's names, on generators.
 *
 *   import { run, gather, sleep, print } from 'coroscope';
 *   function* main() { print('Hello'); yield* sleep(1); print('World'); }
 *   run(main());
 */
export { run, createTask, type RunOptions } from './core/run.js';
export {
  Loop,
  Handle,
  TimerHandle,
  getRunningLoop,
  getEventLoop,
  setEventLoop,
  newEventLoop,
  currentTask,
  print,
  labelled,
  toCoroutine,
  isGenerator,
  type Awaitable,
  type LoopOptions,
} from './core/loop.js';
export { Future } from './core/future.js';
export { Task, type Coroutine } from './core/task.js';
export { sleep, gather, GatheringFuture, Waiter, type GatherOptions } from './core/awaitables.js';
export { Event, Lock, Condition, Semaphore, BoundedSemaphore, Barrier, BrokenBarrierError, ValueError } from './core/locks.js';
export { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull } from './core/queues.js';
export {
  waitFor,
  wait,
  asCompleted,
  shield,
  timeout,
  timeoutAt,
  Timeout,
  TaskGroup,
  ExceptionGroup,
  TimeoutError,
  allTasks,
  asyncWith,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  type ReturnWhen,
  type AsyncContextManager,
} from './core/tasks.js';
export { CancelledError, InvalidStateError, RuntimeError, describeError } from './core/errors.js';
export { fifo, randomChoice, oneSend, untilDone, policyByName, POLICY_NAMES, type Policy, type PolicyName, type PolicyContext, type ReadyQueueView, type ReadyItemView } from './core/policies.js';
export { VirtualClock, type Clock } from './core/clock.js';
export { SeededRandom, random } from './core/random.js';
export { formatValue, formatRepr, formatPrint } from './core/format.js';
export { taskDisplayName, type LoopEvent, type LoopEventBody, type LoopEventType, type EventOf, type SourceLocation, type StepOutcome, type TaskId } from './core/events.js';
export { defineDemo, printed, atTick, runEnds, type Demo, type Cue, type Lang, type Text } from './demo.js';
