/**
 * `loop.events$`: a real RxJS Observable (pipe, operators, firstValueFrom all work)
 * whose subscribers the loop calls directly, one plain call per event.
 *
 * Why not `new Observable(subscriber => …)`: RxJS delivers each value through four
 * nested calls (Subscriber.next → _next → ConsumerObserver.next → your function), and
 * at three events per task switch that halved the loop's speed with a listener and made
 * it swing by half from one process to the next (bench/: 8.9–14 M switches/s, against
 * a steady ~19 M with one direct call). Operators still work: they subscribe here with
 * their own subscriber objects, whose `next` is what gets called.
 *
 * Invariants:
 * - `listeners` holds the `next` of every live subscription, in subscription order;
 *   unsubscribing removes it at once (also while an event is being delivered).
 * - `deliver` calls listeners bare: the loop uses it only from its own kernel code, and
 *   if a listener throws there the loop stops for good (its state mid-item is not to be
 *   trusted) and rethrows. A try around the call, even one that never catches, made V8
 *   compile this path unpredictably (8–15 M switches/s from run to run); bare it is steady.
 * - `deliverGuarded` is for events emitted while user code runs (a print, an Event.set
 *   waking a task): a listener's error must not surface inside the user's generator as
 *   if it were theirs, so the first one is kept in `failure` for the loop to rethrow
 *   once the item has finished.
 */
import { Observable, Subscription, type Observer } from '../rx.js';

export class EventStream<T> extends Observable<T> {
  listeners: ((value: T) => void)[] = [];
  failure: { error: unknown } | null = null;

  constructor(private readonly onListening: (listening: boolean) => void) {
    super();
  }

  override subscribe(observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null): Subscription {
    const next =
      typeof observerOrNext === 'function'
        ? observerOrNext
        : typeof observerOrNext?.next === 'function'
          ? observerOrNext.next.bind(observerOrNext)
          : null;
    if (next === null || (isSubscription(observerOrNext) && observerOrNext.closed)) return new Subscription();
    // A copy, not a splice in place: a delivery in progress keeps iterating the array it started with.
    this.listeners = [...this.listeners, next];
    this.onListening(true);
    const subscription = new Subscription(() => {
      this.listeners = this.listeners.filter((l) => l !== next);
      this.onListening(this.listeners.length > 0);
    });
    // Operators (take, first, takeUntil) and firstValueFrom subscribe with a Subscriber and
    // end it, not what subscribe returns: their end must remove the listener too.
    if (isSubscription(observerOrNext)) observerOrNext.add(subscription);
    return subscription;
  }

  deliver(value: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(value);
  }

  deliverGuarded(value: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(value);
      } catch (error) {
        this.failure ??= { error };
      }
    }
  }

  /** The first error a listener threw since the last call, cleared. */
  takeFailure(): { error: unknown } | null {
    const failure = this.failure;
    this.failure = null;
    return failure;
  }
}

/**
 * A subscriber from any copy of RxJS (a user's own `import … from 'rxjs'` is another copy
 * than ours): told apart by shape, as RxJS itself does, not by instanceof.
 */
function isSubscription(value: unknown): value is Subscription {
  const v = value as Partial<Subscription> | null | undefined;
  return typeof v === 'object' && v !== null && 'closed' in v && typeof v.add === 'function' && typeof v.unsubscribe === 'function';
}
