import { defineDemo, print } from 'coroscope';

class ComplexWork {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World');
  }
}

function by_hand() {
  const it = new ComplexWork()[Symbol.iterator](); // it = ComplexWork().__await__()
  print(it.next()); // next(it)
  print(it.next()); // next(it): done, the StopIteration
}

export default defineDemo({
  name: 'manual',
  title: {
    en: 'Iterating an awaitable by hand: one next() per step, the last one ends it',
    fr: 'Itérer un awaitable à la main : un next() par étape, le dernier y met fin',
  },
  narration: {
    en: 'No magic in the loop: we can take the iterator of ComplexWork and call next ourselves. ' +
      'The first next prints Hello and stops at the yield. The second prints World and reports done: ' +
      'that is Python’s StopIteration. Each next is one tick: a step of the iterator, on its own lane.',
    fr: 'Pas de magie dans la boucle : on peut prendre l’itérateur de ComplexWork et appeler next nous-mêmes. ' +
      'Le premier next affiche Hello et s’arrête sur le yield. Le second affiche World et signale la fin : ' +
      'c’est le StopIteration de Python. Chaque next est un tick : un pas de l’itérateur, sur sa propre ligne.',
  },
  manager: () => by_hand(),
});
