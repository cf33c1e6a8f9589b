// Masks secrets in any text the client logs or puts in an error: the bearer tokens it has sent,
// plus anything shaped like a bearer header or a JWT, in case a server echoes one back.

const MASK = '***';
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export function maskSecrets(text: string, secrets: Iterable<string> = []): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= 4) masked = masked.split(secret).join(MASK);
  }
  return masked.replace(BEARER, `$1${MASK}`).replace(JWT, MASK);
}
