/**
 * The parts of blessed coroscope draws with, loaded one by one: `import 'blessed'` loads
 * every one of its 34 widgets (~30 ms at launch) for the two the first frame uses, a
 * screen and boxes. The files are blessed's own (the same module instances as a full
 * `require('blessed')`, which blessed-contrib's gauge does once it is first shown).
 */
import type * as Blessed from 'blessed';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const lib = dirname(require.resolve('blessed'));
const load = (file: string) => require(join(lib, file));

const blessed = {
  screen: load('widgets/screen.js') as typeof Blessed.screen,
  box: load('widgets/box.js') as typeof Blessed.box,
  colors: load('colors.js'),
  unicode: load('unicode.js'),
  Tput: load('tput.js'),
  widget: { Screen: load('widgets/screen.js') },
};

/** blessed's own copy of the xterm-256color terminfo description. */
export const BUNDLED_TERMINFO = join(lib, '..', 'usr', 'xterm-256color');

export default blessed;
