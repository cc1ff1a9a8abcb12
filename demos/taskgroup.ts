import { asyncWith, CancelledError, defineDemo, ExceptionGroup, print, printed, sleep, TaskGroup } from 'coroscope';

class PaymentError extends Error {
  override name = 'PaymentError';
}

function* step(name: string, seconds: number, fails = false) {
  try {
    print(`${name}: working for ${seconds} s`);
    yield* sleep(seconds);
    if (fails) throw new PaymentError(`${name} refused`);
    print(`${name}: done`);
  } catch (error) {
    if (error instanceof CancelledError) print(`${name}: cancelled`);
    throw error;
  }
}

function* main() {
  try {
    // async with asyncio.TaskGroup() as tg:
    yield* asyncWith(new TaskGroup(), function* (tg) {
      tg.createTask(step('stock', 1));
      tg.createTask(step('payment', 2, true));
      tg.createTask(step('shipping', 3));
      print('main: all three started');
    });
  } catch (error) {
    if (error instanceof ExceptionGroup) {
      print(`main: ${error.message}`);
      for (const e of error.exceptions) print(`  ${(e as Error).name}: ${(e as Error).message}`);
    }
  }
}

export default defineDemo({
  name: 'taskgroup',
  title: {
    en: 'A TaskGroup where one child fails: the others are cancelled',
    fr: 'Un TaskGroup dont un enfant échoue : les autres sont annulés',
  },
  narration: {
    en: 'Three steps of an order run in a TaskGroup. When the block ends, main parks on the group until every child is done. ' +
      'The payment fails after two seconds: the group cancels shipping, still asleep, waits for it, and raises the failure inside an ExceptionGroup.',
    fr: 'Trois étapes d’une commande tournent dans un TaskGroup. À la fin du bloc, main attend que chaque enfant ait fini. ' +
      'Le paiement échoue au bout de deux secondes : le groupe annule l’expédition, encore endormie, l’attend, puis lève l’échec dans un ExceptionGroup.',
  },
  cues: [
    {
      id: 'sibling-cancelled',
      when: printed('shipping: cancelled'),
      narration: {
        en: 'payment raised: the TaskGroup cancelled its sibling shipping, which runs its except block before the group reports.',
        fr: 'payment a levé une erreur : le TaskGroup annule sa sœur shipping, qui exécute son bloc except avant que le groupe ne rende compte.',
      },
    },
  ],
  main: () => main(),
});
