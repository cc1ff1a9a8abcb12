// Twin of queue_get_timeout.py.
import { Queue, TimeoutError, getRunningLoop, print, run, waitFor } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const q = new Queue<string>();
  try {
    yield* waitFor(q.get(), 0.05);
  } catch (e) {
    if (e instanceof TimeoutError) print('get timed out, size', q.qsize());
  }
  getRunningLoop().callLater(0.05, (item: string) => q.putNowait(item), 'item');
  print('got', yield* waitFor(q.get(), 0.2));
}

run(main());
