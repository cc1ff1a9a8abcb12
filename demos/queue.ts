import { createTask, defineDemo, gather, print, printed, Queue, sleep } from 'coroscope';

function* producer(queue: Queue<string>) {
  for (const item of ['a', 'b', 'c', 'd', 'e']) {
    yield* queue.put(item); // parks on Queue.put while the queue is full
    print(`producer: put ${item} (size ${queue.qsize()})`);
  }
}

function* consumer(queue: Queue<string>, name: string) {
  for (;;) {
    const item = yield* queue.get(); // parks on Queue.get while the queue is empty
    print(`${name}: got ${item}`);
    yield* sleep(1);
    queue.taskDone();
  }
}

function* main() {
  const queue = new Queue<string>(2);
  const consumers = [createTask(consumer(queue, 'slow')), createTask(consumer(queue, 'steady'))];
  yield* producer(queue);
  yield* queue.join();
  print('every item processed');
  for (const c of consumers) c.cancel();
  yield* gather(consumers, { returnExceptions: true });
}

export default defineDemo({
  name: 'queue',
  title: {
    en: 'Producer and consumers over a bounded Queue',
    fr: 'Un producteur et des consommateurs autour d’une Queue bornée',
  },
  narration: {
    en: 'The queue holds two items at most. The producer parks on Queue.put when it is full; each consumer parks on Queue.get when it is empty. ' +
      'Every put wakes the first getter in line, every get the first putter. join() waits until taskDone() was called for each item.',
    fr: 'La file contient deux éléments au plus. Le producteur dort sur Queue.put quand elle est pleine ; chaque consommateur dort sur Queue.get quand elle est vide. ' +
      'Chaque put réveille le premier qui attend un get, chaque get le premier qui attend un put. join() attend un taskDone() par élément.',
  },
  cues: [
    {
      id: 'full',
      when: printed('producer: put d (size 2)'),
      narration: {
        en: 'The queue is full again: the next put parks the producer until a consumer takes an item.',
        fr: 'La file est de nouveau pleine : le put suivant endort le producteur jusqu’à ce qu’un consommateur prenne un élément.',
      },
    },
    {
      id: 'joined',
      when: printed('every item processed'),
      narration: {
        en: 'join() returned: five items put, five taskDone(). The consumers, parked on Queue.get, are cancelled.',
        fr: 'join() est revenu : cinq put, cinq taskDone(). Les consommateurs, endormis sur Queue.get, sont annulés.',
      },
    },
  ],
  main: () => main(),
});
