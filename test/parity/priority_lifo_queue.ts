// Twin of priority_lifo_queue.py.
import { LifoQueue, PriorityQueue, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const pq = new PriorityQueue<[number, string]>();
  for (const item of [[3, 'c'], [1, 'b'], [1, 'a'], [2, 'z'], [0, 'y']] as [number, string][]) pq.putNowait(item);
  print(Array.from({ length: 5 }, () => pq.getNowait()).map(([n, s]) => `(${n}, '${s}')`).join(', ').replace(/^/, '[').replace(/$/, ']'));
  const lq = new LifoQueue<number>();
  for (let i = 0; i < 4; i++) yield* lq.put(i);
  const out: number[] = [];
  for (let i = 0; i < 4; i++) out.push(yield* lq.get());
  print(out);
}

run(main());
