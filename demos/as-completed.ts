import { asCompleted, createTask, defineDemo, print, printed, sleep } from 'coroscope';

function* fetch(site: string, seconds: number) {
  print(`${site}: requested`);
  yield* sleep(seconds);
  return `${site} (${seconds} s)`;
}

function* main() {
  const sites: [string, number][] = [
    ['archive.org', 3],
    ['example.com', 1],
    ['python.org', 2],
  ];
  const tasks = sites.map(([site, seconds]) => createTask(fetch(site, seconds)));
  // for next_done in asyncio.as_completed(tasks): result = await next_done
  for (const nextDone of asCompleted(tasks)) {
    const result = yield* nextDone;
    print(`first come, first served: ${result}`);
  }
}

export default defineDemo({
  name: 'as-completed',
  title: {
    en: 'asCompleted reports each result as soon as it arrives',
    fr: 'asCompleted rend chaque résultat dès qu’il arrive',
  },
  narration: {
    en: 'Three fetches start together. asCompleted hands out one awaitable per task; each gives the next result to finish, in finish order, ' +
      'not in the order the tasks were given: main parks on Queue.get inside asCompleted until a task is done.',
    fr: 'Trois requêtes partent ensemble. asCompleted donne un awaitable par tâche ; chacun rend le prochain résultat terminé, dans l’ordre d’arrivée, ' +
      'pas dans l’ordre des tâches : main dort sur Queue.get dans asCompleted jusqu’à ce qu’une tâche finisse.',
  },
  cues: [
    {
      id: 'first',
      when: printed('first come, first served: example.com (1 s)'),
      narration: {
        en: 'example.com was listed second but answered first, so it comes out first.',
        fr: 'example.com était deuxième de la liste mais a répondu en premier : il sort en premier.',
      },
    },
  ],
  main: () => main(),
});
