import { defineDemo, print, printed } from 'coroscope';

// Seed 000 calls it ProducerTask (and prints 'World!'); seeds 001 and 002, ComplexWork.
class ComplexWork {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World');
  }
}

export default defineDemo({
  name: 'hello',
  title: {
    en: 'ComplexWork: an awaitable class whose iterator prints Hello, yields, prints World',
    fr: 'ComplexWork : un awaitable dont l’itérateur affiche Hello, fait yield, affiche World',
  },
  narration: {
    en: 'An awaitable is an object whose __await__ returns an iterator; here, [Symbol.iterator]. ' +
      'The loop runs it as a for loop would: Hello, then the yield hands the turn back to the loop, ' +
      'then World on the next iteration.',
    fr: 'Un awaitable est un objet dont la méthode __await__ renvoie un itérateur ; ici, [Symbol.iterator]. ' +
      'La boucle événementielle le déroule comme une boucle for : Hello, puis le yield rend la main à la boucle, ' +
      'puis World à l’itération suivante.',
  },
  cues: [
    {
      id: 'yield',
      when: printed('Hello'),
      narration: {
        en: 'Hello is printed, then the yield hands the turn back to the event loop. The next tick resumes the iterator: World.',
        fr: 'Hello est affiché, puis le yield rend la main à la boucle événementielle. Le tick suivant reprend l’itérateur : World.',
      },
    },
  ],
  main: () => new ComplexWork(), // loop.run_until_complete(ComplexWork())
});
