import { defineDemo, print, printed, sleep } from 'coroscope';

function* simple_print(msg: string) {
  print(msg);
}

function* complex_work() {
  yield* simple_print('Hello');
  yield* sleep(0);
  yield* simple_print('World');
}

export default defineDemo({
  name: 'coroutines',
  title: {
    en: 'simple_print and complex_work: only sleep(0) gives the turn back',
    fr: 'simple_print et complex_work : seul sleep(0) rend la main',
  },
  narration: {
    en: 'simple_print never suspends: awaiting it runs straight through. ' +
      'In complex_work, sleep(0) is the only point that hands control back to the event loop, ' +
      'so the loop sees two iterations: Hello in the first, World in the second.',
    fr: 'simple_print ne se suspend jamais : l’attendre l’exécute d’une traite. ' +
      'Dans complex_work, sleep(0) est le seul point qui rend la main à la boucle événementielle : ' +
      'elle voit donc deux itérations, Hello dans la première, World dans la seconde.',
  },
  cues: [
    {
      id: 'sleep0',
      when: printed('Hello'),
      narration: {
        en: 'simple_print ran straight through. Now sleep(0), the only suspension point, gives the turn back: a second iteration is needed.',
        fr: 'simple_print s’est exécutée d’une traite. sleep(0), seul point de suspension, rend maintenant la main : il faut une seconde itération.',
      },
    },
  ],
  main: () => complex_work(), // asyncio.run(complex_work())
});
