// Twin of task_names_per_process.py.
import { createTask, currentTask, newEventLoop, print, run } from '../../src/index.js';

function* child() {
  return currentTask()!.name;
}

function* main() {
  const named = createTask(child(), 'named');
  const unnamed = createTask(child());
  print(currentTask()!.name, yield* named, yield* unnamed);
}

function* alone() {
  print('alone', currentTask()!.name);
}

run(main());
run(main());
const loop = newEventLoop();
loop.runUntilComplete(alone());
loop.runUntilComplete(alone());
loop.close();
run(alone());
