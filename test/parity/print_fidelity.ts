// Twin of print_fidelity.py.
import { CancelledError, ValueError, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  print(new ValueError('boom'));
  print([new ValueError('boom')]);
  print(["it's", 'say "hi"', `both ' "`, 'tab\there', 'new\nline', 'back\\slash']);
  print(-0, 1e-7, 0.0001, 0.00001, 1.5e-10, Infinity, -Infinity, NaN);
  print([-0, 1e-7, Infinity]);
  print('a', 'b', 'c', { sep: '-' });
  print('no newline', { end: '' });
  print(' then the rest');
  print('x', 'y', { sep: '', end: '!\n' });
  print(new CancelledError('stop'), [new CancelledError()]);
}

run(main());
