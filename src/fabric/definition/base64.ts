// Strict base64 (RFC 4648, standard alphabet). Buffer.from(x, 'base64') silently skips anything
// it does not understand, which would turn a truncated or mangled payload into garbage bytes; this
// rejects it instead. Padding may be omitted (some clients strip it); when present it must be right.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** The bytes of `payload`, or undefined when it is not base64. */
export function decodeBase64(payload: string): Uint8Array | undefined {
  if (!BASE64.test(payload)) return undefined;
  const buffer = Buffer.from(payload, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Where `payload` stops being base64, for the error message. */
export function describeBase64Problem(payload: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(payload);
  if (bad) return `character ${JSON.stringify(bad[0])} at offset ${bad.index} is not base64`;
  if (/=[^=]/.test(payload) || /={3,}$/.test(payload)) return 'padding "=" may only end the payload';
  return `a payload of ${payload.length} characters cannot be base64 (its length or padding is wrong)`;
}
