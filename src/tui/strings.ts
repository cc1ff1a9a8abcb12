/**
 * Every word the dashboard shows, in one table per language: a speaker who runs
 * `--lang fr` gets a French screen, not French titles on an English frame. `Strings` is
 * the contract: a language missing a key does not compile. asyncio's own terms (gather,
 * Task, await) stay as they are in every language.
 */
import type { Lang } from '../demo.js';
import type { Action } from './keys.js';
import type { LaneState } from '../player/view.js';
import type { PlayState } from '../player/player.js';

export interface Strings {
  /**
   * Footer word and help line per key action; `label` names the key itself where it is a
   * word (space). An empty help puts the key on the line above (`+ -  faster / slower`).
   */
  keys: Record<Action, { short: string; help: string; label?: string }>;
  helpTitle: string;
  helpClose: string;
  /** The cue box's discreet hint (no cue ids: the audience reads this box). */
  cueHint: string;
  panes: { lanes: string; ticks: string; code: string; output: string; ready: string; stats: string };
  header: { policy: string; seed: string; speed: string; tick: string; state: Record<PlayState, string> };
  /** Lane states as the lanes pane shows them (the loop's lane shows none). */
  laneState: Record<Exclude<LaneState, 'loop'>, string>;
  returned: string;
  /** The lanes not shown, and how many of them are ready (or new), parked, over. */
  moreLanes: (n: number, ready: number, parked: number, over: number) => string;
  /** After moreLanes while lanes are scrolled or focused: the way back. */
  followHint: string;
  runOver: string;
  threw: string;
  readyEmpty: string;
  /** List headings with their counts (`ready (2):`; French puts a space before the colon). */
  readyHead: (n: number) => string;
  parkedHead: (n: number) => string;
  timersHead: (n: number) => string;
  moreLines: (n: number) => string;
  /**
   * The policy's draw of the tick shown: which task it picked, as its place among `of`.
   * (`draw` is the pick event's draw; for random.choice it is the index, already in `place`.)
   */
  drew: (who: string, draw: string, place: number, of: number) => string;
  nothingPrinted: string;
  noSteps: string;
  moreTasks: (n: number) => string;
  /** A note in the code pane for a marked line scrolled out of it. */
  offscreen: (name: string, line: number) => string;
  sourceUnreadable: string;
  sourceEmpty: string;
  tooSmall: (minCols: number, minRows: number, cols: number, rows: number) => string;
  restarted: (seed: number) => string;
  /** The header while the source owes ticks and says nothing (a task that never yields). */
  notAnswering: (who: string | null) => string;
  /** The header while a re-run heads for a tick the history no longer holds. */
  rerunning: (tick: number, target: number) => string;
  /** The header when the source failed (the message follows). */
  sourceFailed: string;
  /** `y` on a demo without a version in the other language. */
  noTwin: string;
  /** `g`: the footer's prompt for a tick number, and what it says about the keys. */
  goPrompt: string;
  goKeys: string;
  /** `g` given something that is not a tick number. */
  badTick: (typed: string) => string;
}

const en: Strings = {
  keys: {
    toggle: { short: 'pause', help: 'pause / resume', label: 'space' },
    step: { short: 'step', help: 'one tick forward (also PageDown)' },
    back: { short: 'back', help: 'one tick back: replay, same seed (also PageUp)' },
    faster: { short: 'faster', help: 'faster / slower: 0.5 … 1000 ticks/s, then max' },
    slower: { short: 'slower', help: '' },
    restart: { short: 'restart', help: 'restart with the same seed' },
    reseed: { short: 'new seed', help: 'restart with a new seed' },
    big: { short: 'big', help: 'big text output' },
    'next-demo': { short: 'next', help: 'next / previous demo (same seed)' },
    'prev-demo': { short: 'prev', help: '' },
    home: { short: 'start', help: 'back to tick 0' },
    end: { short: 'end', help: 'to the furthest tick reached (the end of a finished run)' },
    language: { short: 'py/ts', help: 'the same demo in Python (CPython, traced) or TypeScript, at the same tick' },
    'code-up': { short: 'code ↑', help: 'scroll the code (it follows again at the next tick)' },
    'code-down': { short: 'code ↓', help: '' },
    'next-cue': { short: 'next cue', help: 'next / previous cue, and show it' },
    'prev-cue': { short: 'prev cue', help: '' },
    'lanes-down': { short: 'lanes ↓', help: 'scroll the lanes (they stop following the action)' },
    'lanes-up': { short: 'lanes ↑', help: '' },
    'lanes-page-down': { short: 'lanes ⇟', help: 'scroll the lanes a page' },
    'lanes-page-up': { short: 'lanes ⇞', help: '' },
    'focus-next': { short: 'focus', help: 'focus a lane: kept on screen, followed by the code' },
    'focus-prev': { short: 'focus ←', help: '' },
    follow: { short: 'follow', help: 'follow the action again (no focus, no scrolling)' },
    'go-to': { short: 'go to', help: 'go to a tick: its number, then Enter (Esc cancels)' },
    blank: { short: 'blank', help: 'blank the screen like a projector; any key brings it back' },
    help: { short: 'help', help: 'this help' },
    quit: { short: 'quit', help: 'quit (also Ctrl-C)' },
  },
  helpTitle: 'keys',
  helpClose: '? or Esc closes this help',
  cueHint: 'space ▸',
  panes: { lanes: 'lanes', ticks: 'ticks', code: 'code', output: 'output', ready: 'ready queue', stats: 'steps · share' },
  header: { policy: 'policy', seed: 'seed', speed: 'speed', tick: 'tick', state: { running: 'RUNNING', paused: 'PAUSED', done: 'DONE' } },
  laneState: { new: 'new', ready: 'ready', running: 'running', parked: 'parked', polling: 'polling', done: 'done', failed: 'failed', cancelled: 'cancelled' },
  returned: 'returned',
  moreLanes: (n, ready, parked, over) => `… ${n} more (${counts([ready, 'ready'], [parked, 'parked'], [over, 'done'])})`,
  followHint: 'f follows the action',
  runOver: 'run over',
  threw: 'threw',
  readyEmpty: 'ready: (empty)',
  readyHead: (n) => `ready (${n}):`,
  parkedHead: (n) => `parked (${n}):`,
  timersHead: (n) => `timers (${n}):`,
  moreLines: (n) => `… ${n} more ${n === 1 ? 'line' : 'lines'}`,
  drew: (who, _draw, place, of) => `drew ${who} (${ordinalEn(place)} of ${of})`,
  nothingPrinted: 'nothing printed yet',
  noSteps: 'no steps yet',
  moreTasks: (n) => `… ${n} more`,
  offscreen: (name, line) => `${name}: line ${line}`,
  sourceUnreadable: 'source not readable',
  sourceEmpty: 'the source file is empty',
  tooSmall: (mc, mr, c, r) => `coroscope needs ${mc}×${mr} at least (this is ${c}×${r}).\nEnlarge the terminal, or press q.`,
  restarted: (seed) => `↺ restarted · seed ${seed}`,
  notAnswering: (who) => `⚠ the demo is not answering${who === null ? '' : ` (${who} was running)`} · q quits`,
  rerunning: (tick, target) => `⟳ replaying from the start: tick ${tick} / ${target} · Esc cancels`,
  sourceFailed: '✗ the demo broke',
  noTwin: 'this demo has no version in the other language',
  goPrompt: 'go to tick:',
  goKeys: 'Enter go · Esc cancel',
  badTick: (typed) => `not a tick number: ${typed}`,
};

const fr: Strings = {
  keys: {
    toggle: { short: 'pause', help: 'pause / reprendre', label: 'espace' },
    step: { short: 'pas', help: 'un tick en avant (aussi PageDown)' },
    back: { short: 'retour', help: 'un tick en arrière : rejoué, même graine (aussi PageUp)' },
    faster: { short: 'plus vite', help: 'plus / moins vite : 0,5 … 1000 ticks/s, puis max' },
    slower: { short: 'moins vite', help: '' },
    restart: { short: 'rejouer', help: 'recommencer avec la même graine' },
    reseed: { short: 'autre graine', help: 'recommencer avec une nouvelle graine' },
    big: { short: 'gros', help: 'sortie en gros caractères' },
    'next-demo': { short: 'suivante', help: 'démo suivante / précédente (même graine)' },
    'prev-demo': { short: 'précédente', help: '' },
    home: { short: 'début', help: 'retour au tick 0' },
    end: { short: 'fin', help: 'au tick le plus loin atteint (la fin d’une exécution terminée)' },
    language: { short: 'py/ts', help: 'la même démo en Python (CPython, tracé) ou en TypeScript, au même tick' },
    'code-up': { short: 'code ↑', help: 'défiler le code (il suit la tâche au tick suivant)' },
    'code-down': { short: 'code ↓', help: '' },
    'next-cue': { short: 'repère suivant', help: 'repère suivant / précédent, et l’afficher' },
    'prev-cue': { short: 'repère précédent', help: '' },
    'lanes-down': { short: 'tâches ↓', help: 'défiler les tâches (elles ne suivent plus l’action)' },
    'lanes-up': { short: 'tâches ↑', help: '' },
    'lanes-page-down': { short: 'tâches ⇟', help: 'défiler les tâches d’une page' },
    'lanes-page-up': { short: 'tâches ⇞', help: '' },
    'focus-next': { short: 'suivre', help: 'suivre une tâche : gardée à l’écran, dans le code' },
    'focus-prev': { short: 'suivre ←', help: '' },
    follow: { short: 'action', help: 'de nouveau suivre l’action (sans défilement)' },
    'go-to': { short: 'aller à', help: 'aller à un tick : son numéro, Entrée (Échap annule)' },
    blank: { short: 'écran noir', help: 'écran noir comme un projecteur ; une touche le rallume' },
    help: { short: 'aide', help: 'cette aide' },
    quit: { short: 'quitter', help: 'quitter (aussi Ctrl-C)' },
  },
  helpTitle: 'touches',
  helpClose: '? ou Échap ferme cette aide',
  cueHint: 'espace ▸',
  panes: { lanes: 'tâches', ticks: 'ticks', code: 'code', output: 'sortie', ready: "file d'attente", stats: 'étapes · part' },
  header: { policy: 'politique', seed: 'graine', speed: 'vitesse', tick: 'tick', state: { running: 'EN COURS', paused: 'EN PAUSE', done: 'TERMINÉ' } },
  laneState: { new: 'nouvelle', ready: 'prête', running: 'en cours', parked: 'en attente', polling: 'attente active', done: 'terminée', failed: 'échouée', cancelled: 'annulée' },
  returned: 'a renvoyé',
  moreLanes: (n, ready, parked, over) => `… ${n} de plus (${counts([ready, ready === 1 ? 'prête' : 'prêtes'], [parked, 'en attente'], [over, over === 1 ? 'terminée' : 'terminées'])})`,
  followHint: 'f suit l’action',
  runOver: 'exécution finie',
  threw: 'a levé',
  readyEmpty: 'prêtes : (aucune)',
  readyHead: (n) => `prêtes (${n}) :`,
  parkedHead: (n) => `en attente (${n}) :`,
  timersHead: (n) => `minuteries (${n}) :`,
  moreLines: (n) => `… ${n} ${n === 1 ? 'ligne' : 'lignes'} de plus`,
  drew: (who, _draw, place, of) => `tiré ${who} (${place === 1 ? '1re' : `${place}e`} sur ${of})`,
  nothingPrinted: 'rien d’affiché encore',
  noSteps: 'aucun pas pour l’instant',
  moreTasks: (n) => `… ${n} de plus`,
  offscreen: (name, line) => `${name} : ligne ${line}`,
  sourceUnreadable: 'source illisible',
  sourceEmpty: 'le fichier source est vide',
  tooSmall: (mc, mr, c, r) => `coroscope a besoin de ${mc}×${mr} au moins (ici ${c}×${r}).\nAgrandissez le terminal, ou appuyez sur q.`,
  restarted: (seed) => `↺ recommencé · graine ${seed}`,
  notAnswering: (who) => `⚠ la démo ne répond plus${who === null ? '' : ` (${who} s’exécutait)`} · q pour quitter`,
  rerunning: (tick, target) => `⟳ nouvelle exécution depuis le début : tick ${tick} / ${target} · Échap annule`,
  sourceFailed: '✗ la démo a cassé',
  noTwin: 'cette démo n’existe pas dans l’autre langage',
  goPrompt: 'aller au tick :',
  goKeys: 'Entrée valide · Échap annule',
  badTick: (typed) => `pas un numéro de tick : ${typed}`,
};

/** `3 ready, 21 parked`: the non-zero counts. */
function counts(...parts: [number, string][]): string {
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

function ordinalEn(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export const STRINGS: Record<Lang, Strings> = { en, fr };

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang] ?? en;
}
