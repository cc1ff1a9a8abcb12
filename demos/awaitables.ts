import { createTask, defineDemo, print, printed } from 'coroscope';

// Seed 000: an awaitable is an object whose __await__ returns an iterator.
class AsyncTask {
  [Symbol.iterator]() {
    return [][Symbol.iterator](); // return iter([])
  }
}

// "Ou plus simplement, les générateurs étant des itérateurs"
class AsyncTaskYield {
  *[Symbol.iterator]() {
    yield;
  }
}

class ProducerTask {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World!');
  }
}

// Seed 001: the same work behind an await.
class ComplexWork {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World');
  }
}

function* runner() {
  yield* new ComplexWork(); // await ComplexWork()
}

// The seeds' REPL session: loop.run_until_complete(...) on each, one after the other.
function* session() {
  yield* createTask(new AsyncTask(), 'AsyncTask');
  yield* createTask(new AsyncTaskYield(), 'AsyncTask (yield)');
  yield* createTask(new ProducerTask(), 'ProducerTask');
  yield* createTask(runner(), 'runner');
}

export default defineDemo({
  name: 'awaitables',
  title: {
    en: 'Awaitables: AsyncTask, ProducerTask and runner() run by the loop, one after the other',
    fr: 'Les awaitables : AsyncTask, ProducerTask et runner() exécutés par la boucle, l’un après l’autre',
  },
  narration: {
    en: 'An object is awaitable if its __await__ method returns an iterator. AsyncTask returns an empty one: ' +
      'the loop runs it and nothing happens. With a bare yield it takes one turn. ProducerTask prints Hello, ' +
      'yields to the loop, prints World! on the next turn. runner() awaits ComplexWork: await is yield from.',
    fr: 'Un objet est awaitable si sa méthode __await__ renvoie un itérateur. AsyncTask renvoie un itérateur vide : ' +
      'la boucle l’exécute et rien ne se passe. Avec un simple yield, il prend un tour. ProducerTask affiche Hello, ' +
      'rend la main à la boucle, affiche World! au tour suivant. runner() attend ComplexWork : await, c’est yield from.',
  },
  cues: [
    {
      id: 'hello',
      when: printed('Hello'),
      narration: {
        en: 'ProducerTask printed Hello and reached its yield: the turn goes back to the loop. World! waits for the next iteration.',
        fr: 'ProducerTask a affiché Hello et atteint son yield : la main revient à la boucle. World! attend l’itération suivante.',
      },
    },
  ],
  main: () => session(),
});
