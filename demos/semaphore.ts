import { defineDemo, gather, print, printed, Semaphore, sleep } from 'coroscope';

function* download(limit: Semaphore, name: string, seconds: number) {
  print(`${name}: waiting for a slot`);
  // async with limit:
  yield* limit.acquire(); // parks on Semaphore.acquire while two downloads run
  try {
    print(`${name}: downloading (${seconds} s)`);
    yield* sleep(seconds);
    print(`${name}: done`);
  } finally {
    limit.release();
  }
  return name;
}

export default defineDemo({
  name: 'semaphore',
  title: {
    en: 'A Semaphore lets five downloads run two at a time',
    fr: 'Un Semaphore laisse passer cinq téléchargements, deux à la fois',
  },
  narration: {
    en: 'Semaphore(2) counts free slots. The first two downloads take one each without waiting; the other three park on Semaphore.acquire. ' +
      'Each release() wakes the first in line, so they start in the order they arrived, whatever their sizes.',
    fr: 'Semaphore(2) compte les places libres. Les deux premiers téléchargements en prennent une sans attendre ; les trois autres dorment sur Semaphore.acquire. ' +
      'Chaque release() réveille le premier de la file : ils démarrent dans leur ordre d’arrivée, quelle que soit leur taille.',
  },
  cues: [
    {
      id: 'first-slot',
      when: printed('b.zip: done'),
      narration: {
        en: 'b.zip finished first and released its slot: c.zip, first in line, wakes and starts.',
        fr: 'b.zip a fini le premier et rend sa place : c.zip, premier de la file, se réveille et démarre.',
      },
    },
  ],
  main: () => {
    const limit = new Semaphore(2);
    const sizes: [string, number][] = [
      ['a.zip', 3.5],
      ['b.zip', 1],
      ['c.zip', 2],
      ['d.zip', 1.5],
      ['e.zip', 0.5],
    ];
    return gather(sizes.map(([name, seconds]) => download(limit, name, seconds)));
  },
});
