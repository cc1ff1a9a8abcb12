import { defineDemo, Event, gather, print, printed, sleep, Waiter } from 'coroscope';

function* wait_job(waiter: Waiter) {
  print('wait_job: start');
  yield* waiter;
  print('wait_job: finished');
}

function* wait_event(event: Event) {
  print('wait_event: start');
  yield* event.wait();
  print('wait_event: finished');
}

function* count_up_to(waiter: Waiter, event: Event, n: number) {
  for (let i = 0; i < n; i++) {
    print(i);
    yield* sleep(0);
  }
  waiter.done = true;
  event.set();
}

export default defineDemo({
  name: 'event',
  title: {
    en: 'Polling Waiter against asyncio’s Event: one burns ticks, the other sleeps',
    fr: 'Le Waiter qui vérifie sans cesse, face à l’Event d’asyncio qui dort',
  },
  narration: {
    en: 'Two tasks wait for the same count. wait_job awaits the polling Waiter: it runs on every pass only to yield again. ' +
      'wait_event awaits an Event: it is parked on a future and costs nothing until set() wakes it up. ' +
      'Both finish right after count_up_to, but look at their lanes.',
    fr: 'Deux tâches attendent le même comptage. wait_job attend le Waiter : elle s’exécute à chaque passe, juste pour rendre la main. ' +
      'wait_event attend un Event : elle dort sur un future et ne coûte rien jusqu’à ce que set() la réveille. ' +
      'Les deux finissent juste après count_up_to, mais regardez leurs lignes.',
  },
  cues: [
    {
      id: 'both-released',
      when: printed('wait_job: finished'),
      narration: {
        en: 'Count over: the Waiter lets wait_job go, and set() woke wait_event, which had not run since it started waiting.',
        fr: 'Fin du décompte : le Waiter libère wait_job, et set() a réveillé wait_event, qui ne s’était plus exécutée depuis le début de son attente.',
      },
    },
  ],
  main: () => {
    const waiter = new Waiter();
    const event = new Event();
    return gather(wait_job(waiter), wait_event(event), count_up_to(waiter, event, 5));
  },
});
