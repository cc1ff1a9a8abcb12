import { asyncWith, CancelledError, defineDemo, print, printed, sleep, timeout, TimeoutError, waitFor } from 'coroscope';

function* slowQuery(name: string, seconds: number) {
  try {
    print(`${name}: started, needs ${seconds} s`);
    yield* sleep(seconds);
    print(`${name}: answered`);
    return `${name} rows`;
  } catch (error) {
    if (error instanceof CancelledError) print(`${name}: cancelled`);
    throw error;
  }
}

function* main() {
  // asyncio.wait_for(slow_query('fast', 1), timeout=2)
  print(yield* waitFor(slowQuery('fast', 1), 2));
  try {
    yield* waitFor(slowQuery('slow', 5), 2);
  } catch (error) {
    if (error instanceof TimeoutError) print('wait_for: TimeoutError after 2 s');
  }
  // async with asyncio.timeout(1.5):
  try {
    yield* asyncWith(timeout(1.5), function* () {
      yield* slowQuery('inline', 3);
    });
  } catch (error) {
    if (error instanceof TimeoutError) print('timeout(): TimeoutError after 1.5 s');
  }
}

export default defineDemo({
  name: 'timeout',
  title: {
    en: 'waitFor and timeout cancel what takes too long',
    fr: 'waitFor et timeout annulent ce qui dure trop',
  },
  narration: {
    en: 'waitFor runs the query as a task beside a timer. The fast query answers before its deadline. The slow one is still asleep when the timer fires: ' +
      'waitFor cancels it, waits for it to finish its cancellation, then raises TimeoutError. timeout() does the same to a block of the current task.',
    fr: 'waitFor lance la requête comme une tâche, à côté d’un minuteur. La rapide répond avant l’échéance. La lente dort encore quand le minuteur sonne : ' +
      'waitFor l’annule, attend qu’elle ait fini de s’annuler, puis lève TimeoutError. timeout() fait de même pour un bloc de la tâche courante.',
  },
  cues: [
    {
      id: 'slow-cancelled',
      when: printed('slow: cancelled'),
      narration: {
        en: 'Two seconds passed: the timer woke waitFor, which cancelled the slow query. Its except block ran, then TimeoutError reaches main.',
        fr: 'Deux secondes ont passé : le minuteur a réveillé waitFor, qui a annulé la requête lente. Son bloc except s’exécute, puis TimeoutError atteint main.',
      },
    },
  ],
  main: () => main(),
});
