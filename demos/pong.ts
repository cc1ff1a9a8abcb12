import { defineDemo, gather, printed } from 'coroscope';
import { Client } from './support/client.js';

function pong_handler_callbacks(client: Client) {
  client.on('data', function (data) {
    client.on('data_written', function () {
      client.close();
    });
    client.write(data);
    client.flush();
  });
}

function* pong_handler(client: Client) {
  client.write(yield* client.read());
  yield* client.flush();
  client.close();
}

function* main() {
  const client_a = new Client('A');
  const client_b = new Client('B');
  pong_handler_callbacks(client_a);
  yield* gather(pong_handler(client_b), client_a.wait_closed());
}

export default defineDemo({
  name: 'pong',
  title: {
    en: 'pong_handler: callback hell beside the coroutine',
    fr: 'pong_handler : le callback hell à côté de la coroutine',
  },
  narration: {
    en: 'The same pong handler twice, on two simulated clients. With callbacks, each step nests one function deeper, ' +
      'and everything runs as loop callbacks: the handler has no lane of its own. ' +
      'With a coroutine, the code reads top to bottom: write what read returns, await flush, close. ' +
      'A coroutine is a function whose execution can be suspended.',
    fr: 'Le même pong_handler deux fois, sur deux clients simulés. Avec des callbacks, chaque étape s’imbrique un cran plus loin, ' +
      'et tout s’exécute en callbacks de la boucle : le handler n’a pas de ligne à lui. ' +
      'Avec une coroutine, le code se lit de haut en bas : écrire ce que read renvoie, attendre flush, fermer. ' +
      'Une coroutine est une fonction dont l’exécution peut être suspendue.',
  },
  cues: [
    {
      id: 'data',
      when: printed('A received ping'),
      narration: {
        en: 'Data arrives. The callback version reacts inside a loop callback; the coroutine version wakes up where it awaited client.read().',
        fr: 'Les données arrivent. La version à callbacks réagit dans un callback de la boucle ; la coroutine se réveille là où elle attendait client.read().',
      },
    },
  ],
  main: () => main(),
});
