import { defineDemo, gather, print, printed, runEnds, sleep } from 'coroscope';

class Waiter {
  done = false;

  *[Symbol.iterator]() {
    while (!this.done) {
      yield;
    }
  }
}

function* wait_job(waiter: Waiter) {
  print('start');
  yield* waiter; // wait for count_up_to to be finished
  print('finished');
}

function* count_up_to(waiter: Waiter, n: number) {
  for (let i = 0; i < n; i++) {
    print(i);
    yield* sleep(0);
  }
  waiter.done = true;
}

export default defineDemo({
  name: 'waiter',
  title: {
    en: 'Waiter: wait_job polls until count_up_to sets done',
    fr: 'Waiter : wait_job attend que count_up_to passe done à True',
  },
  narration: {
    en: 'Waiter is an awaitable with a state: done starts False, and its iterator keeps yielding while it is not done. ' +
      'wait_job prints start and waits on it; count_up_to counts to nine, yielding with sleep(0) at each number, then sets done. ' +
      'Only then does wait_job print finished. gather returns the results of both: [None, None].',
    fr: 'Waiter est un awaitable avec un état : done vaut False au départ, et son générateur rend la main tant que done ne vaut pas True. ' +
      'wait_job affiche start et attend dessus ; count_up_to compte jusqu’à neuf en rendant la main avec sleep(0), puis passe done à True. ' +
      'Alors seulement wait_job affiche finished. gather renvoie la liste des résultats : [None, None].',
  },
  cues: [
    {
      id: 'polling',
      when: printed('start'),
      narration: {
        en: 'wait_job now awaits the Waiter. Its lane will light up at every tick: it runs only to yield again while done is false (False in Python).',
        fr: 'wait_job attend maintenant le Waiter. Sa ligne s’allumera à chaque tick : elle ne s’exécute que pour rendre la main tant que done est faux (False en Python).',
      },
    },
    {
      id: 'waiter-fires',
      when: printed('finished'),
      narration: {
        en: "count_up_to set done = True: the Waiter's while loop ends and wait_job goes on.",
        fr: 'count_up_to a passé done à True : la boucle while du Waiter se termine et wait_job continue.',
      },
    },
    {
      id: 'gather-done',
      when: runEnds,
      narration: {
        en: 'gather returns the list of results: [None, None], here [undefined, undefined].',
        fr: 'gather renvoie la liste des résultats : [None, None], ici [undefined, undefined].',
      },
    },
  ],
  main: () => {
    const waiter = new Waiter();
    return gather(wait_job(waiter), count_up_to(waiter, 10));
  },
});
