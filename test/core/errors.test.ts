import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../../src/core/errors.js';
import { defineDemo } from '../../src/demo.js';
import { gather, sleep } from '../../src/index.js';
import { recordRun } from '../../src/player/session.js';

test('a thrown value that is not an Error reads as the value, said once (no "threw throw null")', () => {
  assert.equal(describeError(null), 'null (thrown, not an Error)');
  assert.equal(describeError('boom'), "'boom' (thrown, not an Error)");
  assert.equal(describeError(new TypeError('bad')), 'TypeError: bad');
});

test('a policy that picks no index is named once, quoted, with what it picked', () => {
  function* spin() {
    yield* sleep(0);
  }
  const demo = defineDemo({
    name: 'bad-policy',
    title: { en: '', fr: '' },
    narration: { en: '', fr: '' },
    policy: function policy() {
      return 7;
    },
    main: () => gather(spin(), spin()),
  });
  assert.throws(() => recordRun(demo, { seed: 1 }), /^RuntimeError: the policy 'policy' picked 7, not an index of the \d+ ready items$/);
});
