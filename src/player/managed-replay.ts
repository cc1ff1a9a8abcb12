/**
 * A stopgap so today's in-process Player can play a manager demo: the managed run (a
 * plain function, which cannot be paused from this thread) is run whole once, up front
 * and capped, and its log is handed out tick by tick through the part of Loop's surface
 * the Player and panes read. The dashboard that pulls a worker's managed run through its
 * `gate` replaces this.
 *
 * Invariants: `tick` events have been delivered (tick 0's at construction); the ready
 * queue is the fold of the delivered events (`task-scheduled` inserts at `at`, `pick`
 * removes); `finished` once the last event (loop-end, stamped with the last tick) is out.
 */
import type { LoopEvent, TaskId } from '../core/events.js';
import { ManagedRun, type ManagedOptions } from '../core/managed.js';
import type { ReadyItemView, ReadyQueueView } from '../core/policies.js';

/** Ticks a manager may run before the up-front recording stops it. */
export const PRERECORD_TICKS = 20_000;

interface CoroutineState {
  id: TaskId;
  displayName: string;
  steps: number;
  waitingOn: null;
}

export class ManagedReplay {
  readonly policyName: string;
  tick = 0;
  finished = false;
  closed = false;
  readonly live = new Set<CoroutineState>();

  private readonly events: LoopEvent[] = [];
  private next = 0;
  private readonly ready: CoroutineState[] = [];
  private readonly byId = new Map<TaskId, CoroutineState>();

  constructor(
    manager: () => unknown,
    options: Omit<ManagedOptions, 'gate'>,
    private readonly onEvent: ((event: LoopEvent) => void) | undefined,
  ) {
    const run = new ManagedRun(manager, { ...options, gate: (tick) => tick <= PRERECORD_TICKS });
    run.events$.subscribe((event) => this.events.push(event));
    run.run();
    this.policyName = run.policyName;
    this.deliverTick(0);
  }

  /** Hand out the events of up to `limit` more ticks; returns how many ticks that was. */
  runItems(limit: number): number {
    let ran = 0;
    while (ran < limit && !this.finished && this.next < this.events.length) {
      this.deliverTick(this.tick + 1);
      this.tick++;
      ran++;
    }
    return ran;
  }

  readonly readyQueue: ReadyQueueView = {
    get: (index: number): ReadyItemView | undefined => {
      const coro = this.ready[index];
      return coro === undefined ? undefined : { task: coro.id, name: coro.displayName, label: coro.displayName };
    },
    length: () => this.ready.length,
  };

  time(): number {
    return 0;
  }

  whereIs(): null {
    return null; // the step-end events carry where each coroutine stands
  }

  pendingTimers(): { deadline: number; label: string }[] {
    return [];
  }

  pendingTimerCount(): number {
    return 0;
  }

  close(): void {
    this.closed = true;
  }

  /** Events up to the end of tick `tick`: a pick belongs to the tick it starts (it is stamped with the one before). */
  private deliverTick(tick: number): void {
    while (this.next < this.events.length) {
      const event = this.events[this.next]!;
      if (event.tick > tick || (event.type === 'pick' && event.tick >= tick)) break;
      this.next++;
      this.fold(event);
      this.onEvent?.(event);
    }
    if (this.next >= this.events.length) this.finished = true;
  }

  private fold(event: LoopEvent): void {
    switch (event.type) {
      case 'task-spawn': {
        const coro: CoroutineState = { id: event.task, displayName: event.name, steps: 0, waitingOn: null };
        this.byId.set(event.task, coro);
        this.live.add(coro);
        break;
      }
      case 'task-scheduled': {
        const coro = this.byId.get(event.task)!;
        this.ready.splice(event.at ?? this.ready.length, 0, coro);
        break;
      }
      case 'pick':
        this.ready.splice(event.index, 1);
        break;
      case 'step-begin':
        this.byId.get(event.task)!.steps++;
        break;
      case 'step-end':
        if (event.outcome !== 'yielded') this.live.delete(this.byId.get(event.task)!);
        break;
    }
  }
}
