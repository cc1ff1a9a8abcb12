/**
 * RxJS's values, from one place: every module takes them from here. The one-file build
 * bundles RxJS's ES module build and keeps only these and what they use (loading all of
 * RxJS, as Node's CommonJS build or its single-file bundle does, was ~11 ms of a launch).
 * The copy is the same version's code, so values from here and from a user's own
 * `import … from 'rxjs'` interoperate (subscribe, pipe, firstValueFrom).
 */
export {
  auditTime,
  BehaviorSubject,
  concat,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  firstValueFrom,
  from,
  interval,
  lastValueFrom,
  map,
  merge,
  Observable,
  Subject,
  Subscription,
  switchMap,
  toArray,
} from 'rxjs';
export type { Observer } from 'rxjs';
