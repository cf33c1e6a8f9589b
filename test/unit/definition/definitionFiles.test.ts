import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DefinitionError,
  decodeDefinition,
  encodeDefinition,
  fileText,
  parseIpynb,
  parseNotebookPy,
  parsePlatformFile,
  writeNotebookPy,
  type DefinitionFile,
} from '../../../src/fabric/definition';
import type { DefinitionPart } from '../../../src/fabric/types';
import { sharedDir, specExampleFiles } from './sharedDir';

interface ExamplePart {
  example: string;
  part: DefinitionPart;
}

/** Every definition part in the spec examples' request bodies and responses. */
function examplePartsOf(value: unknown, example: string, found: ExamplePart[] = []): ExamplePart[] {
  if (Array.isArray(value)) value.forEach((v) => examplePartsOf(v, example, found));
  else if (value && typeof value === 'object') {
    const parts = (value as { parts?: unknown }).parts;
    if (Array.isArray(parts)) {
      for (const part of parts) if (part && typeof part.payload === 'string') found.push({ example, part: part as DefinitionPart });
    }
    Object.values(value).forEach((v) => examplePartsOf(v, example, found));
  }
  return found;
}

function roundTrip(file: DefinitionFile): DefinitionFile {
  return decodeDefinition(encodeDefinition([file]))[0];
}

/** A .platform example parses, except the mirroredCatalog one that lacks metadata.type, which must say so. */
function checkPlatform(text: string, example: string): void {
  if (!example.includes('mirroredCatalog')) {
    parsePlatformFile(text);
    return;
  }
  assert.throws(() => parsePlatformFile(text), /"metadata\.type" must be a non-empty string/);
}

describe('definition parts', () => {
  const exampleParts = specExampleFiles().flatMap((file) => examplePartsOf(JSON.parse(readFileSync(file, 'utf8')), path.relative(sharedDir(), file)));

  it('finds the definition examples of the specs', () => {
    assert.ok(exampleParts.length > 300, `only ${exampleParts.length} parts found`);
    for (const area of ['notebook', 'dataPipeline', 'dataflow', 'platform']) {
      assert.ok(
        exampleParts.some((p) => p.example.startsWith(`specs/${area}/`)),
        `no ${area} example parts`,
      );
    }
  });

  it('decodes every well-formed example part, and encoding gives back the same bytes and payload', () => {
    let decoded = 0;
    for (const { example, part } of exampleParts) {
      let files: DefinitionFile[];
      try {
        files = decodeDefinition({ parts: [part] });
      } catch (error) {
        // The specs abbreviate some payloads ("IyBGYWJyaWMgbm90ZWJv..."): those must be refused, naming the part.
        assert.ok(error instanceof DefinitionError, `${example} ${part.path}: ${String(error)}`);
        assert.equal(error.path, part.path);
        assert.match(error.message, /not valid base64/);
        continue;
      }
      decoded++;
      const [file] = files;
      assert.equal(file.path, part.path);
      assert.deepEqual(roundTrip(file).content, file.content, `${example} ${part.path}`);
      if (part.payload.length % 4 === 0) assert.equal(encodeDefinition(files).parts[0].payload, part.payload, `${example} ${part.path}`);
      const text = fileText(file);
      if (/notebook-content\.(py|sql)$/.test(part.path)) assert.equal(writeNotebookPy(parseNotebookPy(text, part.path)), text, `${example} ${part.path}`);
      if (part.path.endsWith('.ipynb')) parseIpynb(text, part.path);
      if (part.path === '.platform' && text.trimStart().startsWith('{')) checkPlatform(text, example);
    }
    assert.ok(decoded > 200, `only ${decoded} example parts decoded`);
  });

  it('refuses the abbreviated notebook payloads of the notebook examples', () => {
    const abbreviated = exampleParts.filter((p) => p.example.includes('notebook') && p.part.payload.includes('...'));
    assert.ok(abbreviated.length > 0);
    for (const { part } of abbreviated) assert.throws(() => decodeDefinition({ parts: [part] }), DefinitionError);
  });

  it('fails with a clear message when the specs folder is missing', () => {
    const saved = process.env.FABRIC_SHARED_DIR;
    process.env.FABRIC_SHARED_DIR = path.join(sharedDir(), 'no-such-folder');
    try {
      assert.throws(() => specExampleFiles(), /Fabric specs were not found .*FABRIC_SHARED_DIR/);
    } finally {
      if (saved === undefined) delete process.env.FABRIC_SHARED_DIR;
      else process.env.FABRIC_SHARED_DIR = saved;
    }
  });

  it('passes binary content through untouched', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const png = { path: 'StaticResources/RegisteredResources/logo.png', content: bytes };
    const definition = encodeDefinition([png], 'PBIR');
    assert.equal(definition.format, 'PBIR');
    assert.equal(definition.parts[0].payloadType, 'InlineBase64');
    assert.deepEqual(decodeDefinition(definition)[0].content, bytes);
  });

  it('omits format when none is given', () => {
    assert.deepEqual(encodeDefinition([{ path: 'a.txt', content: new Uint8Array([104, 105]) }]), {
      parts: [{ path: 'a.txt', payload: 'aGk=', payloadType: 'InlineBase64' }],
    });
  });

  it('accepts base64 without padding but refuses anything else that is not base64', () => {
    assert.equal(fileText(decodeDefinition({ parts: [{ path: 'a', payload: 'aGk', payloadType: 'InlineBase64' }] })[0]), 'hi');
    for (const payload of ['aGk=x', 'a', 'aGk==', 'aG k=', 'aGk-', '====', '#'.repeat(8)]) {
      assert.throws(
        () =>
          decodeDefinition({
            parts: [
              { path: 'ok.json', payload: 'e30=', payloadType: 'InlineBase64' },
              { path: 'broken.json', payload, payloadType: 'InlineBase64' },
            ],
          }),
        (error: unknown) =>
          error instanceof DefinitionError && error.path === 'broken.json' && /broken\.json: The payload is not valid base64/.test(error.message),
        payload,
      );
    }
  });

  describe('a 50 MB part', () => {
    const size = 50 * 1024 * 1024;
    const bytes = new Uint8Array(size);
    // Every byte value, in an order that repeats only every 256 * 256 bytes.
    for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
    let payload = '';
    before(() => {
      payload = encodeDefinition([{ path: 'big.bin', content: bytes }]).parts[0].payload;
    });
    const decodePayload = (text: string) => decodeDefinition({ parts: [{ path: 'big.bin', payload: text, payloadType: 'InlineBase64' }] })[0].content;

    it('encodes and decodes back to the same bytes', () => {
      assert.equal(payload.length, Math.ceil(size / 3) * 4);
      assert.ok(Buffer.from(decodePayload(payload)).equals(bytes));
    });

    it('is refused with the offset of the one bad character', () => {
      const at = payload.length - 1000;
      for (const bad of ['-', '\n', '=']) {
        const broken = `${payload.slice(0, at)}${bad}${payload.slice(at + 1)}`;
        assert.throws(
          () => decodePayload(broken),
          (error: unknown) =>
            error instanceof DefinitionError && error.message.includes(`at offset ${at}`) && /big\.bin: The payload is not valid base64/.test(error.message),
          JSON.stringify(bad),
        );
      }
    });
  });

  it('names what is wrong with a malformed payload', () => {
    const problem = (payload: string) => {
      try {
        decodeDefinition({ parts: [{ path: 'p', payload, payloadType: 'InlineBase64' }] });
      } catch (error) {
        return (error as DefinitionError).reason;
      }
      return undefined;
    };
    assert.match(problem('aGk-')!, /character "-" at offset 3 is not base64/);
    assert.match(problem('aG=k')!, /"=" at offset 2/);
    assert.match(problem('aGk=aGk=')!, /"=" at offset 3/);
    assert.match(problem('aGk==')!, /"=" at offset 4 is one too many/);
    assert.match(problem('aG=')!, /one "=" short/);
    assert.match(problem('aGkaG')!, /length 5/);
    assert.match(problem('aGkaG==')!, /length 5/);
    assert.equal(problem('aGk='), undefined);
    assert.equal(problem('aQ=='), undefined);
    assert.equal(problem(''), undefined);
  });

  it('keeps a byte order mark when reading a part as text', () => {
    const file = { path: 'notebook-content.py', content: new Uint8Array([0xef, 0xbb, 0xbf, 0x23]) };
    assert.equal(fileText(file), '\uFEFF#');
  });
});
