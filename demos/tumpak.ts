import { atTick, defineDemo, print, random, runEnds } from 'coroscope';

class Awaitable {
  *[Symbol.iterator]() {
    yield;
  }
}

function* tum() {
  for (let i = 0; i < 10; i++) { // ou : while (true)
    yield* new Awaitable();
    print('Tum');
  }
}

function* pak() {
  for (let i = 0; i < 10; i++) { // ou : while (true)
    yield* new Awaitable();
    print('Pak');
  }
}

function frenetic_coros_manager(...coros: Iterator<unknown>[]) {
  while (coros.length > 0) {
    const coro = random.choice(coros);
    const { done } = coro.next(); // coro.send(None)
    if (done) coros.splice(coros.indexOf(coro), 1); // except StopIteration: coros.remove(coro)
  }
}

export default defineDemo({
  name: 'tumpak',
  title: {
    en: 'Tum and Pak: the frenetic manager picks a coroutine at random',
    fr: 'Tum et Pak : le gestionnaire frénétique choisit une coroutine au hasard',
  },
  narration: {
    en: 'Two coroutines, tum and pak, each await a tiny Awaitable that yields once, then print. ' +
      'The frenetic coroutines manager picks one at random, sends it None, and starts again. ' +
      'The beat changes with the seed, but there are always ten Tum and ten Pak.',
    fr: 'Deux coroutines, tum et pak, attendent chacune un petit Awaitable qui fait un seul yield, puis affichent. ' +
      'Le frenetic_coros_manager choisit une coroutine au hasard avec random.choice, lui fait send(None), et recommence. ' +
      'Le rythme change avec la graine, mais il y a toujours dix Tum et dix Pak.',
  },
  cues: [
    {
      id: 'first-draw',
      when: atTick(1),
      narration: {
        en: 'The manager draws: random.choice between the coroutines still alive. Watch the ready queue: the draw says who runs.',
        fr: 'Le gestionnaire tire au sort : random.choice parmi les coroutines encore vivantes. Regardez la file : le tirage dit qui s’exécute.',
      },
    },
    {
      id: 'the-end',
      when: runEnds,
      narration: {
        en: 'Ten Tum, ten Pak, in an order nobody chose. Press R for another seed: another beat, still ten of each.',
        fr: 'Dix Tum, dix Pak, dans un ordre que personne n’a choisi. R pour une autre graine : un autre rythme, toujours dix de chaque.',
      },
    },
  ],
  manager: () => frenetic_coros_manager(tum(), pak()),
});
