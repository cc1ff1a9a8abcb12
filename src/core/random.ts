/**
 * The loop's only source of randomness: CPython's own generator, so that a run drawn
 * here and the same program under `python3` with `random.seed(seed)` make the same
 * choices (the seeds' Tum/Pak beat is the same in both).
 *
 * - Mersenne Twister MT19937, seeded as `random.seed(int)` seeds it: `init_by_array`
 *   over the 32-bit words of |seed|, least significant first ([0] for 0).
 * - `getrandbits(k)` (k ≤ 32) is the top k bits of one 32-bit output.
 * - `below(n)` is `_randbelow_with_getrandbits`: k = n.bit_length(), draw k bits until
 *   the value is < n. `choice(seq)` is `seq[below(len(seq))]`.
 * - `next()` is `random.random()`: 53 bits from two outputs.
 *
 * Invariant: `index` ∈ [0, 624]; the state is regenerated when it reaches 624.
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class SeededRandom {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  constructor(readonly seed: number) {
    this.initByArray(keyOf(seed));
  }

  /** A float in [0, 1), as `random.random()`. */
  next(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** An integer in [0, n), as CPython's `random._randbelow(n)` (n ≥ 1). */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 32) throw new RangeError(`below(${n}): n must be an integer in [1, 2^32)`);
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** A random element, as `random.choice(seq)`; IndexError's message for an empty sequence. */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) throw new RangeError('Cannot choose from an empty sequence');
    return seq[this.below(seq.length)]!;
  }

  /** `random.getrandbits(k)` for 1 ≤ k ≤ 32. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) throw new RangeError(`getrandbits(${k}): k must be an integer in [1, 32]`);
    return this.uint32() >>> (32 - k);
  }

  /** One 32-bit output of MT19937 (genrand_uint32). */
  private uint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }
}

/** `random.seed(int)`'s key: the 32-bit words of |seed|, least significant first. */
function keyOf(seed: number): number[] {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed ${seed} is not a safe integer`);
  let n = Math.abs(seed);
  const key: number[] = [];
  do {
    key.push(n % 2 ** 32);
    n = Math.floor(n / 2 ** 32);
  } while (n > 0);
  return key;
}

function bitLength(n: number): number {
  return 32 - Math.clz32(n);
}

/**
 * Python's `random` module for demos: `random.choice(coros)` as the seeds write it.
 * One generator per process, as in Python; every run (a Loop, a managed run) reseeds
 * it with its own seed when it is created, so a demo draws the same in every replay.
 */
class RandomModule {
  #generator = new SeededRandom(1);
  /** Told each index `choice`/`randrange` draws, and what `choice` drew from (a managed run shows the manager's draw). */
  onDraw: ((index: number, seq: ArrayLike<unknown> | null) => void) | null = null;

  /** `random.seed(n)`. */
  seed(n: number): void {
    this.#generator = new SeededRandom(n);
  }

  /** `random.random()`. */
  random(): number {
    return this.#generator.next();
  }

  /** `random.choice(seq)`. */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) return this.#generator.choice(seq);
    const index = this.#generator.below(seq.length);
    this.onDraw?.(index, seq);
    return seq[index]!;
  }

  /** `random.randrange(n)`: an integer in [0, n). */
  randrange(n: number): number {
    const index = this.#generator.below(n);
    this.onDraw?.(index, null);
    return index;
  }

  /** `random.getrandbits(k)`, 1 ≤ k ≤ 32. */
  getrandbits(k: number): number {
    return this.#generator.getrandbits(k);
  }
}

export const random = new RandomModule();
