import { defineDemo, gather, print } from 'coroscope';

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
  policy: 'random', // frenetic_coros_manager: random.choice(coros)
  main: () => gather(tum(), pak()), // frenetic_coros_manager(tum(), pak())
});
