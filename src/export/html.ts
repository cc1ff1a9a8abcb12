/**
 * `--export-html FILE.html`: one self-contained web page that plays a `--record`
 * recording with the asciinema web player, for HTML slides (`<iframe src="talk.html">`).
 * Nothing is fetched: the player's script (its terminal emulator is WebAssembly inlined
 * in it) and stylesheet come from the asciinema-player package and are inlined, and so is
 * the recording. The cues are the player's chapters (markers on its progress bar; the
 * per-frame tick markers would crowd it). The page opens on the last frame (its poster).
 *
 *   recordingHtml(castText, { title }): string       // pure
 *   writeRecordingHtml(castFile, htmlFile, { title })  // whole or not at all (atomic.ts)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { safeLine } from '../safe-text.js';
import { parseAsciicast, VIEWER_RESTORE } from './asciicast.js';
import { writeFileAtomic } from './atomic.js';

const require = createRequire(import.meta.url);

let bundle: { js: string; css: string } | null = null;

/** The player's standalone bundle, read once. */
function player(): { js: string; css: string } {
  bundle ??= {
    js: readFileSync(require.resolve('asciinema-player/dist/bundle/asciinema-player.min.js'), 'utf8'),
    css: readFileSync(require.resolve('asciinema-player/dist/bundle/asciinema-player.css'), 'utf8'),
  };
  return bundle;
}

/** Text inside a <script> element: nothing in it can close the element. */
function scriptText(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HtmlOptions {
  title: string;
}

/** The page, from the text of an asciicast v2 recording (validated here). */
export function recordingHtml(cast: string, options: HtmlOptions): string {
  const { header, events } = parseAsciicast(cast);
  // The web player has no viewer terminal to give back: without the final restore, its last frame is the demo's.
  const shown = events.filter((e, i) => !(i === events.length - 1 && e[1] === 'o' && e[2] === VIEWER_RESTORE));
  const chapters = shown.filter((e) => e[1] === 'm' && e[2].startsWith('cue: ')).map((e) => [e[0], e[2].slice('cue: '.length)] as [number, string]);
  const end = shown.length > 0 ? shown[shown.length - 1]![0] : 0;
  const recording = [JSON.stringify(header), ...shown.map((e) => JSON.stringify(e))].join('\n') + '\n';
  const title = escapeHtml(safeLine(options.title));
  const { js, css } = player();
  const config = { cols: header.width, rows: header.height, markers: chapters, poster: `npt:${end}`, fit: 'width', idleTimeLimit: 2, controls: true };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coroscope">
<title>${title}</title>
<style>
${css}
html, body { margin: 0; background: #121314; }
#player { max-width: 100vw; }
</style>
</head>
<body>
<div id="player" aria-label="${title}"></div>
<script type="application/json" id="coroscope-recording">${scriptText(JSON.stringify(recording))}</script>
<script type="application/json" id="coroscope-options">${scriptText(JSON.stringify(config))}</script>
<script>${scriptText(js)}</script>
<script>
  const data = JSON.parse(document.getElementById('coroscope-recording').textContent);
  const options = JSON.parse(document.getElementById('coroscope-options').textContent);
  window.coroscopePlayer = AsciinemaPlayer.create({ data }, document.getElementById('player'), options);
</script>
</body>
</html>
`;
}

/** Read the finished recording and write its page, whole or not at all. */
export function writeRecordingHtml(castFile: string, htmlFile: string, options: HtmlOptions): void {
  writeFileAtomic(htmlFile, [recordingHtml(readFileSync(castFile, 'utf8'), options)]);
}
