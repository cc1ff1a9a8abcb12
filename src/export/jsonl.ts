/**
 * The event log as JSON Lines (`--json`): one event per line, `seq`, `tick` and `time`
 * first so a reader can sort or cut by them. A pure function of the log.
 */
import type { LoopEvent } from '../core/events.js';
import { safeJson } from '../safe-text.js';

export function eventLine(event: LoopEvent): string {
  const { seq, tick, time, ...body } = event;
  return safeJson(JSON.stringify({ seq, tick, time, ...body }));
}

export function toJsonLines(events: readonly LoopEvent[]): string {
  let text = '';
  for (const event of events) text += eventLine(event) + '\n';
  return text;
}
