/**
 * The parts of blessed coroscope draws with, imported one by one: `import 'blessed'` loads
 * every one of its 34 widgets (~30 ms at launch) for the two the first frame uses, a
 * screen and boxes. The files are blessed's own: the same module instances as a full
 * `require('blessed')`, which blessed-contrib's gauge does once it is first shown (in the
 * one-file build both are bundled, and share the bundle's copies).
 */
import type * as Blessed from 'blessed';
import Tput from 'blessed/lib/tput.js';
import colors from 'blessed/lib/colors.js';
import unicode from 'blessed/lib/unicode.js';
import box from 'blessed/lib/widgets/box.js';
import screen from 'blessed/lib/widgets/screen.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const blessed = {
  screen: screen as typeof Blessed.screen,
  box: box as typeof Blessed.box,
  colors,
  unicode,
  Tput,
  widget: { Screen: screen },
};

/** blessed's own copy of the xterm-256color terminfo description. */
export const BUNDLED_TERMINFO = join(dirname(createRequire(import.meta.url).resolve('blessed')), '..', 'usr', 'xterm-256color');

export default blessed;
