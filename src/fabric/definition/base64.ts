// Strict base64 (RFC 4648, standard alphabet). Buffer.from(x, 'base64') silently skips anything
// it does not understand, which would turn a truncated or mangled payload into garbage bytes; this
// rejects it instead. Padding may be omitted (some clients strip it); when present it must be right.
//
// Parts reach tens of megabytes: the check is linear. It looks for the first character outside the
// alphabet with a single character class (no quantifier, so nothing to backtrack and no stack to
// grow, run in V8's native regex code); the former whole-payload pattern `^(?:[A-Za-z0-9+/]{4})*…$`
// overflowed the regex stack from about 3 MB on.

const NOT_IN_ALPHABET = /[^A-Za-z0-9+/]/;
const PAD = '=';

/** The bytes of `payload`, or why it is not base64 (naming the offset of the first bad character). */
export function decodeBase64(payload: string): { bytes: Uint8Array } | { problem: string } {
  const problem = base64Problem(payload);
  if (problem !== undefined) return { problem };
  const buffer = Buffer.from(payload, 'base64');
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function base64Problem(payload: string): string | undefined {
  const first = NOT_IN_ALPHABET.exec(payload);
  // The data characters end at the first character outside the alphabet, which must start the padding.
  const end = first ? first.index : payload.length;
  if (first && first[0] !== PAD) return notBase64(payload, end);
  for (let i = end + 1; i < payload.length; i++) {
    if (payload[i] === PAD) continue;
    return NOT_IN_ALPHABET.test(payload[i]) ? notBase64(payload, i) : `padding "=" at offset ${end} does not end the payload`;
  }
  // A last group of one character holds no whole byte; padding, when present, completes the last group to 4.
  if (end % 4 === 1) return `a payload of length ${end} cannot be base64 (its last group has a single character)`;
  const padding = payload.length - end;
  const needed = (4 - (end % 4)) % 4;
  if (padding > needed) return `padding "=" at offset ${end + needed} is one too many`;
  if (padding > 0 && padding < needed) return `the padding at offset ${end} is one "=" short`;
  return undefined;
}

function notBase64(payload: string, offset: number): string {
  return `character ${JSON.stringify(payload[offset])} at offset ${offset} is not base64`;
}
