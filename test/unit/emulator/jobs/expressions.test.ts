import assert from 'node:assert/strict';
import { ExpressionError, resolveValue, type ExpressionScope } from '../../../../src/emulator/jobs/pipeline/expressions';

const scope: ExpressionScope = {
  pipeline: { parameters: { env: 'prod', count: 3, flags: { dryRun: 'false' }, items: ['a', 'b'] }, RunId: 'run-1', Pipeline: 'Nightly' },
  variables: { label: 'x' },
  activity: (name) => {
    if (name !== 'Notebook') throw new ExpressionError(`activity('${name}') has not run yet`);
    return { output: { result: { exitValue: '42' } }, status: 'Succeeded', error: null };
  },
};
const evaluate = (expression: string): unknown => resolveValue(expression, scope);

describe('pipeline expressions', () => {
  it('reads parameters, variables, activity outputs and pipeline properties', () => {
    assert.equal(evaluate('@pipeline().parameters.env'), 'prod');
    assert.equal(evaluate("@pipeline().parameters['count']"), 3);
    assert.equal(evaluate('@pipeline().parameters.items[1]'), 'b');
    assert.equal(evaluate('@pipeline().RunId'), 'run-1');
    assert.equal(evaluate("@variables('label')"), 'x');
    assert.equal(evaluate("@activity('Notebook').output.result.exitValue"), '42');
    assert.equal(evaluate("@activity('Notebook').output.result?.missing"), null);
  });

  it('evaluates logic, comparison and conversion functions, case-insensitively', () => {
    assert.equal(evaluate("@equals(pipeline().parameters.env, 'prod')"), true);
    assert.equal(evaluate('@and(greater(pipeline().parameters.count, 2), less(1, 2), not(bool(pipeline().parameters.flags.dryRun)))'), true);
    assert.equal(evaluate('@or(false, lessOrEquals(3, 2))'), false);
    assert.equal(evaluate("@Equals(int(activity('Notebook').output.result.exitValue), 42)"), true);
    assert.equal(evaluate("@if(greaterOrEquals(float('2.5'), 2), 'big', 'small')"), 'big');
    assert.equal(evaluate("@concat('it''s ', string(pipeline().parameters.count))"), "it's 3");
  });

  it('interpolates @{…}, unescapes @@, evaluates Expression objects, and leaves plain values alone', () => {
    assert.equal(evaluate('Run @{pipeline().Pipeline} in @{toUpper(pipeline().parameters.env)}'), 'Run Nightly in PROD');
    assert.equal(evaluate('@@not-an-expression'), '@not-an-expression');
    assert.deepEqual(resolveValue({ a: { value: '@pipeline().parameters.count', type: 'Expression' }, b: [true, 'plain'] }, scope), {
      a: 3,
      b: [true, 'plain'],
    });
  });

  it('throws ExpressionError with a useful message', () => {
    assert.throws(() => evaluate('@frobnicate(1)'), /The expression function 'frobnicate' is not supported/);
    assert.throws(() => evaluate('@pipeline().parameters.nope'), /has no property 'nope'/);
    assert.throws(() => evaluate("@not('yes')"), /'not' expects booleans/);
    assert.throws(() => evaluate("@activity('Later').output"), /has not run yet/);
    assert.throws(() => evaluate('@equals(1)'), /takes 2 argument\(s\), but got 1/);
    assert.throws(() => evaluate('@equals(1, 2'), ExpressionError);
  });
});
