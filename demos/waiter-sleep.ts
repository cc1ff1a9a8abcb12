import { defineDemo, gather, print, printed, sleep } from 'coroscope';

class Waiter {
  done = false;

  *[Symbol.iterator]() {
    while (!this.done) {
      yield;
    }
  }
}

let waiter: Waiter;

function* coro1() {
  print('start');
  yield* waiter;
  print('finished');
}

function* coro2() {
  for (let i = 0; i < 10; i++) {
    print(i);
    yield* sleep(1);
  }
  waiter.done = true;
}

export default defineDemo({
  name: 'waiter-sleep',
  title: {
    en: 'Waiter with sleep(1): coro1 polls through ten virtual seconds',
    fr: 'Waiter avec sleep(1) : coro1 attend pendant dix secondes virtuelles',
  },
  narration: {
    en: 'The same Waiter, with asyncio.sleep(1) instead of sleep(0): it is no accident, coro1 waits as long as coro2 works. ' +
      'While coro2 sleeps, the loop has nothing to do but let coro1 poll again and again: every pass costs a quarter of a virtual second here.',
    fr: 'Le même Waiter, avec asyncio.sleep(1) au lieu de sleep(0) : ce n’est pas un hasard, coro1 attend tant que coro2 travaille. ' +
      'Pendant que coro2 dort, la boucle n’a rien d’autre à faire que laisser coro1 vérifier encore et encore : chaque passe coûte ici un quart de seconde virtuelle.',
  },
  passCost: 0.25,
  cues: [
    {
      id: 'sleeping',
      when: printed('0'),
      narration: {
        en: 'coro2 sleeps one second between counts. Meanwhile coro1 polls the Waiter at every pass of the loop.',
        fr: 'coro2 dort une seconde entre deux nombres. Pendant ce temps coro1 interroge le Waiter à chaque passage de la boucle.',
      },
    },
    {
      id: 'waiter-fires',
      when: printed('finished'),
      narration: {
        en: 'Ten virtual seconds later, done is True and coro1 finishes.',
        fr: 'Dix secondes virtuelles plus tard, done vaut True et coro1 se termine.',
      },
    },
  ],
  main: () => {
    waiter = new Waiter();
    return gather(coro1(), coro2());
  },
});
