// Masks secrets in any text that reaches a person or a log: the bearer tokens the client has sent,
// plus anything shaped like a bearer header or a JWT, in case a server echoes one back. The tokens
// are remembered here, for the whole process, because an echo can surface in any layer (an
// operation's error, a job's failure reason or exit value). Text is masked as a person would read
// it: JSON escapes (`\/`, `\u0065`) are decoded first, so an escaped token is found too. Every step
// is linear in the text's length (a megabyte masks in milliseconds).

const MASK = '***';
/** How many recent tokens to remember (a server may echo a refreshed-away one, or another connection's). */
const REMEMBERED_SECRETS = 8;
const remembered: string[] = [];

/** Remembers a secret (a bearer token sent) so that every later mask hides it. */
export function rememberSecret(secret: string): void {
  if (secret.length < 4 || remembered.includes(secret)) return;
  remembered.push(secret);
  if (remembered.length > REMEMBERED_SECRETS) remembered.shift();
}

/** `text` with every remembered secret, every `secrets`, bearer header and JWT replaced by `***`. */
export function maskSecrets(text: string, secrets: Iterable<string> = []): string {
  const masked = maskPlain(text, secrets);
  const decoded = decodeEscapes(text);
  if (decoded === text) return masked;
  // Escapes hid a secret: show the decoded text, masked; otherwise keep the text as it was.
  const maskedDecoded = maskPlain(decoded, secrets);
  return maskedDecoded === decoded ? masked : maskedDecoded;
}

/** Every string inside a JSON-like value masked (for error details and other structured text). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}

// `\s+` is followed by a class it cannot overlap, and every start needs "Bearer": linear.
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
/** A run of backslashes, with the escape it starts when it is one that can spell a token character. */
const ESCAPE = /\\+(u[0-9a-fA-F]{4}|\/)?/g;

function maskPlain(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const secret of [...remembered, ...secrets]) {
    if (secret.length >= 4 && masked.includes(secret)) masked = masked.split(secret).join(MASK);
  }
  return maskJwtRuns(masked.replace(BEARER, `$1${MASK}`));
}

/**
 * Masks the JWTs of every maximal run of JWT characters (`[A-Za-z0-9_.-]`) that holds an `eyJ`.
 * Each character is looked at a bounded number of times: linear.
 */
function maskJwtRuns(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('eyJ'); at >= 0; at = text.indexOf('eyJ', copied)) {
    let start = at;
    while (start > copied && isJwtChar(text.charCodeAt(start - 1))) start--;
    let end = at + 3;
    while (end < text.length && isJwtChar(text.charCodeAt(end))) end++;
    out += text.slice(copied, start) + maskJwts(text.slice(start, end));
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isJwtChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

/**
 * Masks the JWTs of one run, as `\beyJ[\w-]*\.[\w-]+\.[\w-]*` would, without its backtracking (each
 * candidate start rescanned the rest of the run: a megabyte of `eyJ-` took minutes). A JWT starts
 * with `eyJ` at the start of a dot-separated segment or after a `-`, and spans that segment and the
 * next two, the middle one not empty.
 */
function maskJwts(run: string): string {
  if (!run.includes('eyJ')) return run;
  const segments = run.split('.');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const start = segment.startsWith('eyJ') ? 0 : segment.indexOf('-eyJ') + 1 || -1;
    if (start >= 0 && i + 2 < segments.length && segments[i + 1] !== '') {
      out.push(segment.slice(0, start) + MASK);
      i += 2;
    } else {
      out.push(segment);
    }
  }
  return out.join('.');
}

/** Decodes `\uXXXX` and `\/`, however many times escaped (a JSON string inside a JSON string). */
function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(ESCAPE, (all, escape: string | undefined) => {
    if (!escape) return all;
    return escape === '/' ? '/' : String.fromCharCode(parseInt(escape.slice(1), 16));
  });
}
