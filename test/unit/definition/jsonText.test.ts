import assert from 'node:assert/strict';
import { DefinitionError } from '../../../src/fabric/definition/DefinitionError';
import { parseJsonText } from '../../../src/fabric/definition/jsonText';
import { jsonValueOffset } from '../../../src/fabric/definition/jsonValueOffset';

/** The error parseJsonText throws for `text`, as `line:column message`. */
function failure(text: string): string {
  try {
    parseJsonText(text, 'pipeline-content.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return `${error.line}:${error.column} ${error.message.replace(/^.*?Not valid JSON: /, '')}`;
  }
  return assert.fail(`parsed: ${text}`);
}

describe('parseJsonText', () => {
  it('parses JSON, with or without a byte order mark', () => {
    assert.deepEqual(parseJsonText('\uFEFF{"a": [1, "x", null]}', 'x.json'), { a: [1, 'x', null] });
  });

  it('names where the text stops being JSON and what was expected there', () => {
    assert.equal(failure('{\n  "activities": [1 2]\n}'), '2:20 unexpected "2", expected "," or "]".');
    assert.equal(failure('{"a": 1 "b": 2}'), '1:9 unexpected "\\"b\\"", expected "," or "}".');
    assert.equal(failure('{"a": 1,}'), '1:9 unexpected "}", expected a property name in double quotes.');
    assert.equal(failure('[1,]'), '1:4 unexpected "]", expected a value.');
    assert.equal(failure('{"a" 1}'), '1:6 unexpected "1", expected ":".');
    assert.equal(failure('{} {}'), '1:4 unexpected "{" after the end of the JSON value.');
    assert.equal(failure(''), '1:1 the text ends too early, expected a value.');
    assert.equal(failure('[1] // why'), '1:5 JSON has no comments.');
    assert.equal(failure('\uFEFF{\n "a": "x\ty"}'), '2:9 a control character inside a string must be escaped.');
  });
});

describe('jsonValueOffset', () => {
  it('finds where the value at a path starts, after a byte order mark too', () => {
    const text = '\uFEFF{"cells": [{"source": "a"}, {"metadata": {}, "source": ["x\\n", "y"]}]}';
    assert.equal(text.slice(jsonValueOffset(text, ['cells', 1, 'source'])).slice(0, 6), '["x\\n"');
    assert.equal(jsonValueOffset(text, ['cells', 2, 'source']), undefined);
    assert.equal(jsonValueOffset(text, ['cells', 0, 'metadata']), undefined);
  });
});
