/**
 * RxJS, loaded fast: its single-file bundle instead of the CommonJS build Node would pick
 * (223 modules, ~5× the load time: it dominated the time to the first frame). Every
 * module takes RxJS's runtime values from here; types still come from 'rxjs' itself.
 * The bundle is the same version's code, so values from here and from a user's own
 * `import … from 'rxjs'` interoperate (subscribe, pipe, firstValueFrom).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Rx from 'rxjs';

const require = createRequire(import.meta.url);
const rx = require(join(dirname(require.resolve('rxjs')), '..', 'bundles', 'rxjs.umd.min.js')) as typeof Rx;

export const Observable = rx.Observable;
export type Observable<T> = Rx.Observable<T>;
export const Subject = rx.Subject;
export type Subject<T> = Rx.Subject<T>;
export const BehaviorSubject = rx.BehaviorSubject;
export type BehaviorSubject<T> = Rx.BehaviorSubject<T>;
export const Subscription = rx.Subscription;
export type Subscription = Rx.Subscription;
export type Observer<T> = Rx.Observer<T>;
export const EMPTY = rx.EMPTY;
export const { auditTime, concat, defer, distinctUntilChanged, filter, firstValueFrom, from, interval, lastValueFrom, map, merge, switchMap, toArray } = rx;
