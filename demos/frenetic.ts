import { defineDemo, print } from 'coroscope';

class Awaitable {
  *[Symbol.iterator]() {
    yield;
  }
}

function* wont_terminate_here() {
  yield* new Awaitable();
  print('Terminated');
  return 42;
}

function frenetic_coro_manager(coro: Iterator<unknown>) {
  while (true) {
    const { done, value } = coro.next(); // coro.send(None)
    if (done) return value; // except StopIteration as stop: return stop.value
  }
}

export default defineDemo({
  name: 'frenetic',
  title: {
    en: 'frenetic_coro_manager: send until the coroutine ends',
    fr: 'frenetic_coro_manager : send jusqu’à la fin de la coroutine',
  },
  narration: {
    en: 'The frenetic coroutine manager does not stop after one send: it sends None again and again until StopIteration. ' +
      'So wont_terminate_here, stuck after one send with coro_manager, goes past its Awaitable this time: ' +
      'Terminated is printed and 42 comes back.',
    fr: 'Le frenetic_coro_manager ne s’arrête pas après un send : il fait send(None) encore et encore, jusqu’au StopIteration. ' +
      'wont_terminate_here, bloquée après un seul send avec coro_manager, dépasse cette fois son Awaitable : ' +
      'Terminated s’affiche et 42 est renvoyé.',
  },
  manager: () => frenetic_coro_manager(wont_terminate_here()),
});
