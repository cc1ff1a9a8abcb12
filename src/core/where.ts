/**
 * Where a suspended generator stands, read from the runtime, never from annotations:
 * V8 exposes `[[GeneratorLocation]]` (script, line, column) through `node:inspector`;
 * the script's source map, when it has one (a file beside it, or inline as a `data:` URL),
 * turns that into the line the user wrote.
 *
 * Cost: ~50 µs a lookup (a synchronous inspector round trip), so the loop asks only
 * when `locations` is on. The Debugger domain is enabled only for the instant it takes
 * to list the scripts, because while it is on V8 runs async code ~8× slower.
 *
 * Invariant: each generator asked about gets an object group of its own, which holds its
 * handle and every handle the inspector made while describing it (its function, receiver,
 * scopes); `forget()` releases the whole group, so finished tasks are not retained.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceLocation } from './events.js';

interface RemoteObject {
  type: string;
  value?: any;
  description?: string;
  objectId?: string;
}
interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

const PROBE = '__coroscopeProbe';

export class Locator {
  private static instance: Locator | null = null;

  /** One inspector session per process is enough for every loop. */
  static shared(): Locator {
    return (Locator.instance ??= new Locator());
  }

  private readonly session = new Session();
  private readonly handles = new WeakMap<object, { objectId: string; group: string }>();
  private readonly scripts = new Map<string, string>();
  private readonly sourceMaps = new Map<string, SourceMap | null>();
  private nextGroup = 0;

  private constructor() {
    this.session.connect();
    this.session.on('Debugger.scriptParsed', (message: { params: { scriptId: string; url: string } }) => {
      this.scripts.set(message.params.scriptId, message.params.url);
    });
  }

  /** The source location a generator is suspended at, or null (not a generator, not started, finished). */
  locate(coro: object): SourceLocation | null {
    return this.locateIn(this.internals(coro));
  }

  /**
   * Each frame of an await chain (outermost first), located and named (`tum`, `Awaitable`).
   * Frames inside coroscope's own engine (a Future's or sleep's iterator) are left out: the
   * chain shows the code the user wrote. Frames other than `keep` (the task's own generator,
   * released when it settles) are released at once: a chain's inner generators are often
   * new at every step.
   */
  locateChain(chain: readonly object[], keep: object | null): SourceLocation[] {
    const out: SourceLocation[] = [];
    for (const gen of chain) {
      const internals = this.internals(gen);
      const raw = this.rawLocation(internals);
      const url = raw === null ? null : this.scriptUrl(raw.scriptId);
      if (raw !== null && url !== null && !isEngineScript(url)) {
        const where = this.original(url, raw.lineNumber, raw.columnNumber);
        const name = this.nameIn(internals);
        out.push(name === null ? where : { ...where, name });
      }
      if (gen !== keep) this.forget(gen);
    }
    return out;
  }

  private rawLocation(internals: PropertyDescriptor[] | null): { scriptId: string; lineNumber: number; columnNumber: number } | null {
    return (internals?.find((p) => p.name === '[[GeneratorLocation]]')?.value?.value as
      | { scriptId: string; lineNumber: number; columnNumber: number }
      | undefined) ?? null;
  }

  private locateIn(internals: PropertyDescriptor[] | null): SourceLocation | null {
    const raw = this.rawLocation(internals);
    if (raw === null) return null;
    const url = this.scriptUrl(raw.scriptId);
    if (url === null) return null;
    return this.original(url, raw.lineNumber, raw.columnNumber);
  }

  /** The generator function's name (`tum`), or the awaitable's class for an iterator method (`Awaitable`). */
  functionName(coro: object): string | null {
    return this.nameIn(this.internals(coro));
  }

  private nameIn(internals: PropertyDescriptor[] | null): string | null {
    if (internals === null) return null;
    const fn = internals.find((p) => p.name === '[[GeneratorFunction]]')?.value?.description ?? '';
    const receiver = internals.find((p) => p.name === '[[GeneratorReceiver]]')?.value;
    // Any JavaScript identifier: `café`, `日本` are names too (\w is ASCII only).
    const named = /^(?:async\s+)?function\s*\*\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)/u.exec(fn) ?? /^\*\s*([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*\(/u.exec(fn);
    if (named) return named[1]!;
    // An awaitable class's `*[Symbol.iterator]()`: the class names it.
    const described = receiver?.type === 'object' ? (receiver.description ?? null) : null;
    if (described !== null && described !== 'Object') return described;
    // A function expression's text has no name (`main: function* () {…}`): the name
    // JavaScript inferred for it, when it is one (not `[Symbol.iterator]`).
    const inferred = this.ownName(internals.find((p) => p.name === '[[GeneratorFunction]]')?.value?.objectId);
    if (inferred !== null && !inferred.startsWith('[')) return inferred;
    return described;
  }

  /** The `name` property of a remote function, when it is a non-empty string. */
  private ownName(objectId: string | undefined): string | null {
    if (objectId === undefined) return null;
    const reply = this.post('Runtime.getProperties', { objectId, ownProperties: true, generatePreview: false }) as { result?: PropertyDescriptor[] } | null;
    const name = reply?.result?.find((p) => p.name === 'name')?.value?.value;
    return typeof name === 'string' && name !== '' ? name : null;
  }

  /** A generator's state as V8 tells it: 'suspended', 'running' or 'closed' (null: not a generator). */
  generatorState(gen: object): string | null {
    const known = this.handles.has(gen);
    const state = this.internals(gen)?.find((p) => p.name === '[[GeneratorState]]')?.value?.value;
    if (!known) this.forget(gen);
    return typeof state === 'string' ? state : null;
  }

  /** Release the inspector's handle on a generator that will not be asked about again. */
  forget(coro: object): void {
    const handle = this.handles.get(coro);
    if (handle === undefined) return;
    this.handles.delete(coro);
    this.post('Runtime.releaseObjectGroup', { objectGroup: handle.group });
  }

  private internals(coro: object): PropertyDescriptor[] | null {
    const objectId = this.handleOf(coro);
    if (objectId === null) return null;
    const reply = this.post('Runtime.getProperties', { objectId, ownProperties: true, generatePreview: false }) as {
      internalProperties?: PropertyDescriptor[];
    } | null;
    return reply?.internalProperties ?? null;
  }

  private handleOf(coro: object): string | null {
    const known = this.handles.get(coro);
    if (known !== undefined) return known.objectId;
    const group = `coroscope${this.nextGroup++}`;
    const global = globalThis as Record<string, unknown>;
    global[PROBE] = coro;
    let objectId: string | undefined;
    try {
      const reply = this.post('Runtime.evaluate', { expression: `globalThis.${PROBE}`, objectGroup: group }) as {
        result?: RemoteObject;
      } | null;
      objectId = reply?.result?.objectId;
    } finally {
      delete global[PROBE];
    }
    if (objectId === undefined) return null;
    this.handles.set(coro, { objectId, group });
    return objectId;
  }

  private scriptUrl(scriptId: string): string | null {
    if (!this.scripts.has(scriptId)) {
      // Enabling the Debugger replays scriptParsed for every script loaded so far.
      this.post('Debugger.enable', {});
      this.post('Debugger.disable', {});
    }
    return this.scripts.get(scriptId) ?? null;
  }

  /** Map a 0-based position in a loaded script (a URL or path) to a 1-based one in the file the user wrote. */
  original(url: string, line0: number, column0: number): SourceLocation {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const map = this.sourceMapOf(file);
    if (map !== null) {
      const entry = map.findEntry(line0, column0) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource !== undefined && entry.originalLine !== undefined) {
        return { file: sourcePath(entry.originalSource, file), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
      }
    }
    return { file, line: line0 + 1, column: column0 + 1 };
  }

  private sourceMapOf(file: string): SourceMap | null {
    let map = this.sourceMaps.get(file);
    if (map !== undefined) return map;
    const payload = readSourceMap(file);
    try {
      map = payload === null ? null : new SourceMap(payload);
    } catch {
      map = null; // a map Node cannot read: report the position in the script as loaded
    }
    this.sourceMaps.set(file, map);
    return map;
  }

  private post(method: string, params: object): unknown {
    let result: unknown = null;
    let failure: Error | null = null;
    // The in-process session answers synchronously: the callback has run when post returns.
    this.session.post(method, params, (error: Error | null, reply: unknown) => {
      failure = error;
      result = reply;
    });
    if (failure !== null) return null;
    return result;
  }
}

/** The calls on the stack where this is called (its caller first), at most `limit`. */
export function callSites(limit: number): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const stackLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = (_error, stack) => stack;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, callSites);
    return holder.stack ?? [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = stackLimit;
  }
}

/**
 * The engine's scripts (as loaded, before source maps): this module's folder, or the one
 * script it runs from in the one-file build (whose other modules are all coroscope's own).
 */
const engineDir = dirname(fileURLToPath(import.meta.url)) + sep;
const ownScript = scriptPath(callSites(1)[0]?.getFileName() ?? '');

function scriptPath(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

/** Whether a script (a file URL or path) is coroscope's engine rather than the user's code. */
export function isEngineScript(url: string): boolean {
  const path = scriptPath(url);
  return path === ownScript || path.startsWith(engineDir);
}

/**
 * The source map a script names in its `//# sourceMappingURL=` comment: a file beside it
 * (tsc --sourceMap) or inline, a `data:` URL (tsc --inlineSourceMap, esbuild
 * --sourcemap=inline). Null when it names none, or the map cannot be read: the script's
 * own positions are then the ones to report. Its `sources` come back as absolute `file:`
 * URLs (`sourceRoot` folded in).
 */
export function readSourceMap(file: string): SourceMapPayload | null {
  try {
    const text = readFileSync(file, 'utf8');
    const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (ref === undefined) return null;
    // An inline map's sources are relative to the script's own folder.
    const inline = ref.startsWith('data:');
    const mapFile = inline ? file : resolve(dirname(file), ref);
    const payload = JSON.parse(inline ? dataUrlText(ref) : readFileSync(mapFile, 'utf8')) as SourceMapPayload;
    if (!Array.isArray(payload.sources) || typeof payload.mappings !== 'string') return null;
    // Sources are relative to the map's folder (plus sourceRoot): make them absolute.
    const root = resolve(dirname(mapFile), payload.sourceRoot ?? '');
    payload.sources = payload.sources.map((s) => (isAbsolute(s) || s.includes(':') ? s : pathToFileURL(resolve(root, s)).href));
    payload.sourceRoot = '';
    return payload;
  } catch {
    return null;
  }
}

/** The text of a `data:` URL: `data:application/json;charset=utf-8;base64,eyJ2…` or percent-encoded. */
function dataUrlText(url: string): string {
  const comma = url.indexOf(',');
  if (comma === -1) throw new Error('a data: URL without a comma');
  const body = url.slice(comma + 1);
  return /;base64$/i.test(url.slice(0, comma)) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}

function sourcePath(source: string, fallback: string): string {
  if (source.startsWith('file:')) return fileURLToPath(source);
  return isAbsolute(source) ? source : resolve(dirname(fallback), source);
}
