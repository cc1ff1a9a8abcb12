import { defineDemo, gather, print, printed, sleep } from 'coroscope';

function* simple_print(msg: string) {
  print(msg);
}

function* square(x: number, delay: number) {
  yield* sleep(delay);
  print('square', x, 'done');
  return x * x;
}

function* main() {
  print(yield* gather(simple_print('Hello'), simple_print('World')));
  print(yield* gather(square(1, 3), square(2, 1), square(3, 2)));
}

export default defineDemo({
  name: 'gather',
  title: {
    en: 'gather: results come back in argument order',
    fr: 'gather : les résultats reviennent dans l’ordre des arguments',
  },
  narration: {
    en: 'gather runs several awaitables concurrently and returns the list of their results. ' +
      'Coroutines that return nothing give [None, None], here [undefined, undefined]. ' +
      'Then three squares sleep 3, 1 and 2 seconds: they finish as 2, 3, 1, but the list keeps the order of the arguments: [1, 4, 9].',
    fr: 'gather exécute plusieurs awaitables en concurrence et renvoie la liste de leurs résultats. ' +
      'Des coroutines qui ne renvoient rien donnent [None, None], ici [undefined, undefined]. ' +
      'Puis trois carrés dorment 3, 1 et 2 secondes : ils finissent dans l’ordre 2, 3, 1, mais la liste garde l’ordre des arguments : [1, 4, 9].',
  },
  cues: [
    {
      id: 'none-none',
      when: printed('[undefined, undefined]'),
      narration: {
        en: 'Coroutines that return nothing: Python’s gather gives [None, None]; here, [undefined, undefined].',
        fr: 'Des coroutines qui ne renvoient rien : le gather de Python donne [None, None] ; ici, [undefined, undefined].',
      },
    },
    {
      id: 'in-order',
      when: printed('[1, 4, 9]'),
      narration: {
        en: 'They finished as 2, 3, 1, yet the results come back in the order of the arguments.',
        fr: 'Elles ont fini dans l’ordre 2, 3, 1, mais les résultats reviennent dans l’ordre des arguments.',
      },
    },
  ],
  main: () => main(),
});
