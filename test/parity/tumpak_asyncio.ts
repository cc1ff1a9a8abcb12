// Twin of tumpak_asyncio.py.
import { gather, print, run } from '../../src/index.js';

class Awaitable {
  *[Symbol.iterator]() {
    yield;
  }
}

function* tum() {
  for (let i = 0; i < 4; i++) {
    yield* new Awaitable();
    print('Tum');
  }
}

function* pak() {
  for (let i = 0; i < 4; i++) {
    yield* new Awaitable();
    print('Pak');
  }
}

function* main() {
  yield* gather(tum(), pak());
}

run(main());
