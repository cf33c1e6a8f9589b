// HTTPS for the emulator: a local certificate authority kept in the data folder (so clients trust
// it once) and a server certificate for 127.0.0.1, localhost and ::1 that it signs. Both are made
// by the system's `openssl` with P-256 keys (fast to generate); the server certificate is made
// again only when it is missing, no longer signed by the CA, or expires within 30 days.
import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  caFile: string;
  caKeyFile: string;
  certFile: string;
  keyFile: string;
}

const CA_DAYS = 3650;
/** Under the 398 days some clients (Apple's) accept for a server certificate. */
const SERVER_DAYS = 397;
const RENEW_WITHIN_MS = 30 * 24 * 3600 * 1000;

// Written to a temporary file so the system's openssl.cnf (and its default extensions) plays no part.
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
`;

export function tlsFiles(dataDir: string): TlsFiles {
  const dir = join(dataDir, 'tls');
  return { caFile: join(dir, 'ca.pem'), caKeyFile: join(dir, 'ca-key.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
}

function openssl(args: string[], input?: string): Buffer {
  try {
    return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') {
      throw new Error(
        'HTTPS needs the openssl command to create the local certificate, and it is not installed: install OpenSSL, or pass your own with --cert FILE --key FILE.',
        { cause: error },
      );
    }
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() || e.message}`, { cause: error });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** True when `file` holds a certificate valid until at least `until` (and signed by `issuer`, if given). */
function usable(file: string, until: number, issuer?: X509Certificate): boolean {
  if (!existsSync(file)) return false;
  try {
    const cert = new X509Certificate(readFileSync(file));
    return Date.parse(cert.validTo) > until && (!issuer || cert.verify(issuer.publicKey));
  } catch {
    return false;
  }
}

/** Creates what is missing or expiring under `<dataDir>/tls/` and returns the files' paths. */
export function ensureLocalCertificate(dataDir: string, now = Date.now()): TlsFiles {
  const files = tlsFiles(dataDir);
  mkdirSync(join(dataDir, 'tls'), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'fabric-emulator-tls-'));
  try {
    const config = join(scratch, 'openssl.cnf');
    writeFileSync(config, OPENSSL_CONFIG);
    if (!existsSync(files.caKeyFile) || !usable(files.caFile, now + RENEW_WITHIN_MS)) {
      openssl([
        'req',
        '-x509',
        ...EC_KEY,
        '-keyout',
        files.caKeyFile,
        '-out',
        files.caFile,
        '-days',
        String(CA_DAYS),
        '-subj',
        '/CN=Fabric emulator local CA',
        '-config',
        config,
        '-extensions',
        'ca',
      ]);
      chmodSync(files.caKeyFile, 0o600);
    }
    const ca = new X509Certificate(readFileSync(files.caFile));
    if (!existsSync(files.keyFile) || !usable(files.certFile, now + RENEW_WITHIN_MS, ca)) {
      const request = openssl(['req', '-new', ...EC_KEY, '-keyout', files.keyFile, '-subj', '/CN=localhost', '-config', config]);
      chmodSync(files.keyFile, 0o600);
      openssl(
        [
          'x509',
          '-req',
          '-CA',
          files.caFile,
          '-CAkey',
          files.caKeyFile,
          '-set_serial',
          `0x${randomBytes(16).toString('hex')}`,
          '-days',
          String(SERVER_DAYS),
          '-extfile',
          config,
          '-extensions',
          'server',
          '-out',
          files.certFile,
        ],
        request.toString(),
      );
    }
    return files;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface ServerTls {
  cert: Buffer;
  key: Buffer;
  /** The local CA's file; undefined with the user's own certificate. */
  caFile?: string;
}

/** `startEmulator`'s `https` option → the PEM the server needs (undefined: plain HTTP). */
export function serverTls(dataDir: string, https: boolean | { cert: string; key: string } | undefined): ServerTls | undefined {
  if (!https) return undefined;
  if (https !== true) return { cert: readFileSync(https.cert), key: readFileSync(https.key) };
  const files = ensureLocalCertificate(dataDir);
  return { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile), caFile: files.caFile };
}
