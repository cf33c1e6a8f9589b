// `npm run emulator -- [--port N] [--host H] [--data DIR] [--token T] [--page-size N] [--empty]
//   [--faults SPEC] [--time-scale X] [--lro sync|async] [--https | --cert FILE --key FILE]
//   [--accept-entra-tokens] [--entra-app TENANT:CLIENT:SECRET|@CERT.pem]… [--max-body-mb N] [--max-connections N] [--max-notebook-runs N]`;
//   `npm run -s emulator -- token` prints an Entra-shaped token.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createDevEntraToken, FABRIC_AUDIENCE, MAX_ENTRA_TOKEN_LIFETIME_SECONDS } from './entraTokens';
import { DEFAULT_MAX_BODY_MB, DEFAULT_MAX_CONNECTIONS, DEFAULT_PORT, parseFaultSpec, startEmulator } from './index';
import { defaultNotebookRuns } from './jobs';
import { parseEntraApp } from './localEntra';

const USAGE = `Usage: npm run emulator -- [options]
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1: loopback only)
  --data DIR        data folder (default .fabric-emulator/)
  --token T         the bearer token clients must send (default: the data folder's own
                    random token, kept in <data>/token)
  --page-size N     records per page of list answers (default 100)
  --empty           no sample workspace in a new data folder
  --faults SPEC     e.g. "throttle=120/min,error5xx=0.05,reset=0.01,latency=40ms,lro=2s,seed=7"
  --time-scale X    multiplies simulated durations (pipeline waits): 0.1 runs them 10x faster,
                    and schedules' due times come 10x sooner
  --lro MODE        async (default: 202 and /operations) or sync (200/201 at once)
  --https           serve HTTPS with a certificate signed by a local CA (<data>/tls/ca.pem)
  --cert FILE --key FILE   serve HTTPS with your own certificate and key (PEM)
  --max-body-mb N   refuse request bodies over N MB with 413 (default ${DEFAULT_MAX_BODY_MB})
  --max-connections N   close connections past N at once unanswered (default ${DEFAULT_MAX_CONNECTIONS})
  --max-notebook-runs N   notebook runs with a Python process at once; the others wait their
                    turn (default ${defaultNotebookRuns()}: twice the CPUs, at least 4)
  --accept-entra-tokens    also accept any unexpired JWT for ${FABRIC_AUDIENCE} that lives
                    at most 28 hours, signature NOT checked (for clients that need an Entra-shaped token)
  --entra-app TENANT:CLIENT:SECRET | TENANT:CLIENT:@CERT.pem   (repeatable; needs --https)
                    serve a local Entra token endpoint for this service principal at
                    <url>/TENANT/oauth2/v2.0/token (authorityHost <url>) and accept its tokens

       npm run -s emulator -- token
  prints such a token (unsigned, valid one hour, for a made-up user and tenant)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) fail(`--${name} needs a number of at least ${min}, not "${text}".`);
  return value;
}

function printTrustHelp(caFile: string): void {
  console.log(`HTTPS certificate authority: ${caFile}`);
  console.log("  Trust it per client (the emulator's certificate is for 127.0.0.1, localhost and ::1):");
  console.log(`    Node:             NODE_EXTRA_CA_CERTS=${caFile}`);
  console.log(`    Python requests:  REQUESTS_CA_BUNDLE=${caFile}`);
  console.log(`    Go (Linux):       SSL_CERT_FILE=${caFile}`);
}

async function main(): Promise<void> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        token: { type: 'string' },
        'page-size': { type: 'string' },
        empty: { type: 'boolean' },
        faults: { type: 'string' },
        'time-scale': { type: 'string' },
        lro: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        https: { type: 'boolean' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'accept-entra-tokens': { type: 'boolean' },
        'entra-app': { type: 'string', multiple: true },
        'max-body-mb': { type: 'string' },
        'max-notebook-runs': { type: 'string' },
        'max-connections': { type: 'string' },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 0) {
    if (positionals.join(' ') !== 'token') fail(`Unknown command "${positionals.join(' ')}": the only command is token.`);
    console.log(createDevEntraToken());
    return;
  }
  if ((values.cert === undefined) !== (values.key === undefined)) fail('--cert and --key go together.');
  if (values.lro !== undefined && values.lro !== 'sync' && values.lro !== 'async') fail(`--lro is sync or async, not "${values.lro}".`);
  let faults, entraApps;
  try {
    faults = values.faults ? parseFaultSpec(values.faults) : undefined;
    entraApps = values['entra-app']?.map(parseEntraApp);
  } catch (error) {
    fail((error as Error).message);
  }
  if (entraApps && !values.https && values.cert === undefined) fail('--entra-app needs HTTPS (--https or --cert/--key): MSAL refuses an http authority.');
  const dataDir = path.resolve(values.data ?? '.fabric-emulator');
  const host = values.host ?? '127.0.0.1';
  const emulator = await startEmulator({
    port: number(values.port, 'port', DEFAULT_PORT, 0),
    host,
    dataDir,
    token: values.token,
    pageSize: number(values['page-size'], 'page-size', 100, 1),
    sample: !values.empty,
    faults,
    timeScale: number(values['time-scale'], 'time-scale', 1, 0),
    lroMode: values.lro as 'sync' | 'async' | undefined,
    https: values.cert !== undefined && values.key !== undefined ? { cert: values.cert, key: values.key } : values.https,
    acceptEntraTokens: values['accept-entra-tokens'],
    entraApps,
    maxBodyBytes: number(values['max-body-mb'], 'max-body-mb', DEFAULT_MAX_BODY_MB, 1) * 1024 * 1024,
    maxConnections: number(values['max-connections'], 'max-connections', DEFAULT_MAX_CONNECTIONS, 1),
    maxNotebookRuns: number(values['max-notebook-runs'], 'max-notebook-runs', defaultNotebookRuns(), 1),
  });
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.log(
      `WARNING: listening on ${host}, reachable from other machines: anyone who has the token can run code on this machine (notebooks run as local Python). This is remote code execution by design; use it only on a network you trust.`,
    );
  }
  console.log(`Data folder: ${dataDir}`);
  console.log(`Token: ${emulator.token}   (send "Authorization: Bearer ${emulator.token}")`);
  if (emulator.tokenFile) console.log(`Token file for local clients: ${emulator.tokenFile}`);
  if (faults) console.log(`Faults: ${values.faults}`);
  if (emulator.caFile) printTrustHelp(emulator.caFile);
  if (values['accept-entra-tokens']) {
    console.log(
      `WARNING: --accept-entra-tokens: any unexpired JWT for ${FABRIC_AUDIENCE} living at most ${MAX_ENTRA_TOKEN_LIFETIME_SECONDS / 3600} hours is accepted WITHOUT checking its signature (unsigned ones too): anyone who can reach this port can make one.`,
    );
    console.log('WARNING: for local use only; never expose this emulator beyond your machine. Get a token with: npm run -s emulator -- token');
  }
  if (entraApps)
    console.log(
      `Local Entra token endpoint: authorityHost ${emulator.url} (fabricWorkbench.authorityHost), for ${entraApps.map((a) => `${a.clientId} in ${a.tenantId}`).join(', ')}`,
    );
  console.log(`Fabric emulator listening on ${emulator.url}`);
  console.log(`API base URL: ${emulator.baseUrl}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping the Fabric emulator…');
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`The Fabric emulator could not start: ${(error as Error).message}`);
  process.exit(1);
});
