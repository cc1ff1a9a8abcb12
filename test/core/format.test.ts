import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, Future, Loop, formatPrint, formatRepr, formatValue } from '../../src/index.js';
import { captured } from '../helpers.js';

test('print joins values with one space; top-level strings are raw', () => {
  assert.equal(formatPrint(['a', 1, true]), 'a 1 true');
  assert.equal(formatPrint(['only']), 'only');
  assert.equal(formatPrint([]), '');
  assert.equal(formatValue('x'), 'x');
});

test("repr quotes strings inside containers, as Python's print(list) does", () => {
  assert.equal(formatPrint([['a', "it's", 'back\\slash']]), `['a', "it's", 'back\\\\slash']`);
  assert.equal(formatPrint([['tab\there', 'new\nline', `both'"`]]), `['tab\\there', 'new\\nline', 'both\\'"']`);
  assert.equal(formatRepr([undefined, null, 2n, [1, [2]]]), '[undefined, null, 2, [1, [2]]]');
});

test('repr of errors, functions, symbols, futures and plain objects', () => {
  assert.equal(formatRepr(new TypeError('bad')), "TypeError('bad')");
  assert.equal(formatRepr(new CancelledError()), 'CancelledError()');
  assert.equal(formatRepr(function tum() {}), '<function tum>');
  assert.equal(formatRepr(Symbol('s')), 'Symbol(s)');
  assert.equal(formatRepr(new Future(new Loop(), 'sleep(1)')), '<Future sleep(1) pending>');
  assert.equal(formatRepr({ a: 1, b: 'x' }), "{ a: 1, b: 'x' }");
});

test("errors print as Python's repr: no message is Name(), an explicit one is kept, even ''", () => {
  assert.equal(formatRepr(new RangeError()), 'RangeError()');
  assert.equal(formatRepr(new CancelledError('')), "CancelledError('')");
  assert.equal(formatRepr(new CancelledError('stop')), "CancelledError('stop')");
  assert.equal(formatPrint([[new TypeError('x'), new CancelledError()]]), "[TypeError('x'), CancelledError()]");
});

test('a list that contains itself prints as Python prints it, and a task returning one does not break the loop', () => {
  const a: unknown[] = [1];
  a.push(a);
  assert.equal(formatRepr(a), '[1, [...]]');
  const b: unknown[] = [a, a];
  assert.equal(formatRepr(b), '[[1, [...]], [1, [...]]]', 'a list seen twice side by side is not a cycle');
  const { loop } = captured();
  const ends: string[] = [];
  loop.events$.subscribe((e) => {
    if (e.type === 'step-end' && e.outcome === 'returned') ends.push(e.value!);
  });
  function* cyclic() {
    yield;
    return a;
  }
  assert.equal(loop.runUntilComplete(cyclic()), a);
  assert.deepEqual(ends, ['[1, [...]]']);
});
