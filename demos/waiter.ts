import { defineDemo, gather, print, sleep, Waiter } from 'coroscope';

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
  main: () => {
    const waiter = new Waiter();
    return gather(wait_job(waiter), count_up_to(waiter, 10));
  },
});
