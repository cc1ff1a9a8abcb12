import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BIG_ROWS, bigText, bigWidth, bigWrap } from '../../src/tui/bigfont.js';

test('"Tum" and "Pak" in the block font: three rows of half blocks, or six of full blocks at twice the size', () => {
  assert.deepEqual(bigText('Tum'), [
    '▀█▀ ▄ ▄ ▄▄ ▄ ', //
    ' █  █ █ █ █ █',
    ' ▀   ▀▀ ▀ ▀ ▀',
  ]);
  assert.deepEqual(bigText('Pak'), [
    '█▀▄  ▄▄ █ ▄', //
    '█▀  █ █ ██ ',
    '▀    ▀▀ ▀ ▀',
  ]);
  const twice = bigText('Pak', 2);
  assert.equal(twice.length, 2 * BIG_ROWS);
  assert.equal(twice[0], '████            ██    ');
  assert.equal(bigWidth('Pak', 2), 2 * bigWidth('Pak'));
  for (const row of twice) assert.equal(row.length, bigWidth('Pak', 2));
});

test('every letter, digit and common punctuation has its own glyph; accents fall back to the letter, the rest to ?', () => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,!?:;\'"-+=*_/\\|()[]{}<>#%&@$^~';
  const seen = new Map<string, string>();
  for (const ch of chars) {
    const key = bigText(ch).join('\n');
    assert.ok(/[▀▄█]/.test(key), `${ch} draws something`);
    assert.ok(!seen.has(key) || ['l', '|'].includes(ch), `${ch} looks like ${seen.get(key)}`);
    seen.set(key, ch);
  }
  assert.deepEqual(bigText('é'), bigText('e'));
  assert.deepEqual(bigText('Ça'), bigText('Ca'));
  assert.deepEqual(bigText('漢'), bigText('?'));
  assert.equal(bigWidth(''), 0);
});

test('bigWrap cuts at spaces when words fit, inside a word when one does not', () => {
  assert.deepEqual(bigWrap('Tum Pak', 100), ['Tum Pak']);
  assert.deepEqual(bigWrap('Tum Pak', bigWidth('Tum')), ['Tum', 'Pak']);
  const pieces = bigWrap('abcdefghij', bigWidth('abc'));
  assert.equal(pieces.join(''), 'abcdefghij');
  for (const piece of pieces) assert.ok(bigWidth(piece) <= bigWidth('abc'));
  assert.deepEqual(bigWrap('', 10), ['']);
});
