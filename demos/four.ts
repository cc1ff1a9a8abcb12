import { defineDemo, print } from 'coroscope';

function* tum() {
  print('tum');
}

function* two() {
  return 2;
}

function* four() {
  return (yield* two()) + (yield* two());
}

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

function coro_manager(coro: Iterator<unknown>) {
  const { done, value } = coro.next(); // coro.send(None)
  if (done) return value; // except StopIteration as stop: return stop.value
}

function main() {
  const a_coroutine_object = tum();
  print(a_coroutine_object.next()); // a_coroutine_object.send(None): StopIteration
  print(coro_manager(four()));
  print(coro_manager(wont_terminate_here()));
}

export default defineDemo({
  name: 'four',
  title: {
    en: 'coro_manager: one send(None); four() is done in it, wont_terminate_here is not',
    fr: 'coro_manager : un seul send(None) ; four() s’y termine, wont_terminate_here non',
  },
  narration: {
    en: 'Calling tum() runs nothing; send(None) runs it, and its end is a StopIteration, here done: true. ' +
      'coro_manager sends None once and returns the value carried by StopIteration. ' +
      'four awaits two twice, yet never suspends: 4 comes back in that single send, completely synchronously. ' +
      'wont_terminate_here awaits an Awaitable that yields: the send stops there, so Terminated is never printed, and we get None. ' +
      'Each send is a step of its coroutine, on a lane of its own; the loop lane marks the line that sent.',
    fr: 'Appeler tum() n’exécute rien ; send(None) l’exécute, et sa fin est un StopIteration, ici done: true. ' +
      'coro_manager fait un seul send(None) et renvoie la valeur portée par StopIteration. ' +
      'four attend deux fois two sans jamais se suspendre : 4 revient de cet unique send, de manière complètement synchrone. ' +
      'wont_terminate_here attend un Awaitable qui fait yield : le send s’arrête là, Terminated n’est jamais affiché, et on obtient None. ' +
      'Chaque send est un pas de sa coroutine, sur sa propre ligne ; la ligne de la boucle marque l’appel qui a fait le send.',
  },
  manager: () => main(),
});
