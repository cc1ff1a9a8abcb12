/**
 * A simulated network client for the pong demo, on the loop's virtual clock: the
 * message arrives `delay` seconds after connection, a flush takes half a second. It
 * speaks both styles: events (`on('data')`, `on('data_written')`) and awaitables
 * (`read()`, `flush()` return futures).
 */
import { getRunningLoop, labelled, print, type Future } from 'coroscope';

type Listener = (data: string) => void;

export class Client {
  private readonly loop = getRunningLoop();
  private readonly listeners = new Map<string, Listener[]>();
  private readonly received: Future<string>;
  private readonly closed: Future<void>;

  constructor(
    readonly name: string,
    message = 'ping',
    delay = 1,
  ) {
    this.received = this.loop.createFuture<string>(`${name}.read()`);
    this.closed = this.loop.createFuture<void>(`${name} closed`);
    this.loop.callLater(delay, labelled(`${name}: data arrives`, () => this.arrive(message)));
  }

  on(event: 'data' | 'data_written', listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  read(): Future<string> {
    return this.received;
  }

  write(data: string): void {
    print(this.name, 'write', data);
  }

  flush(): Future<void> {
    const flushed = this.loop.createFuture<void>(`${this.name}.flush()`);
    const done = () => {
      print(this.name, 'flushed');
      flushed.setResult();
      this.emit('data_written', '');
    };
    this.loop.callLater(0.5, labelled(`${this.name}: flush done`, done));
    return flushed;
  }

  close(): void {
    print(this.name, 'closed');
    this.closed.setResult();
  }

  wait_closed(): Future<void> {
    return this.closed;
  }

  private arrive(message: string): void {
    print(this.name, 'received', message);
    this.received.setResult(message);
    this.emit('data', message);
  }

  private emit(event: string, data: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener(data);
  }
}
