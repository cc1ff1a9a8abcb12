import { createTask, defineDemo, gather, Lock, print, printed, sleep } from 'coroscope';

// A mutex on the Waiter idea: yield while someone holds it.
class Mutex {
  held = false;

  *acquire() {
    while (this.held) yield;
    this.held = true;
  }

  release() {
    this.held = false;
  }
}

function* polling(name: string, mutex: Mutex) {
  yield* mutex.acquire();
  print(name, 'holds the mutex');
  yield* sleep(0);
  yield* sleep(0);
  print(name, 'releases it');
  mutex.release();
}

function* parked(name: string, lock: Lock) {
  yield* lock.acquire();
  print(name, 'holds the Lock');
  yield* sleep(0);
  yield* sleep(0);
  print(name, 'releases it');
  lock.release();
}

function* main() {
  const mutex = new Mutex();
  const lock = new Lock();
  yield* gather(
    createTask(polling('A', mutex), 'mutex A'),
    createTask(polling('B', mutex), 'mutex B'),
    createTask(polling('C', mutex), 'mutex C'),
    createTask(parked('D', lock), 'Lock D'),
    createTask(parked('E', lock), 'Lock E'),
    createTask(parked('F', lock), 'Lock F'),
  );
}

export default defineDemo({
  name: 'mutex',
  title: {
    en: 'A mutex built on the Waiter idea, beside asyncio’s Lock',
    fr: 'Un verrou (mutex) construit sur l’idée du Waiter, à côté du Lock d’asyncio',
  },
  narration: {
    en: 'Waiter can also build a lock: a mutex whose acquire keeps yielding while someone holds it. ' +
      'Three tasks queue for it, and the two that wait burn a tick on every pass of the loop. ' +
      'Beside them, three tasks queue for asyncio’s Lock: those wait parked on a future, and run only when release wakes them, in order.',
    fr: 'Waiter permet aussi de gérer des verrous : un mutex dont acquire rend la main tant que quelqu’un le détient. ' +
      'Trois tâches font la queue, et celles qui attendent consomment un tick à chaque passe de la boucle. ' +
      'À côté, trois tâches attendent le Lock d’asyncio : elles dorment sur un future, et ne reprennent que quand release les réveille, dans l’ordre.',
  },
  cues: [
    {
      // Fires when both locks have their first holder (tick 5), the moment it describes.
      id: 'first-holders',
      when: printed('D holds the Lock'),
      narration: {
        en: 'A holds the mutex and D holds the Lock. B and C will poll the mutex at every tick; E and F will park until release() wakes them.',
        fr: 'A tient le mutex et D tient le Lock. B et C vont interroger le mutex à chaque tick ; E et F vont attendre sans tourner jusqu’à ce que release() les réveille.',
      },
    },
  ],
  main: () => main(),
});
