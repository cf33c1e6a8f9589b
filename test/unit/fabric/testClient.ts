// A FabricClient for tests: a static token, waits scaled down a thousandfold, and its log lines kept.
import { FabricClient, StaticTokenProvider, type FabricClientOptions } from '../../../src/fabric';

export const TEST_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.c2VjcmV0LXNpZ25hdHVyZQ';

export function testClient(baseUrl: string, options: Partial<FabricClientOptions> = {}): { client: FabricClient; logs: string[] } {
  const logs: string[] = [];
  const keep = (level: string) => (message: string) => logs.push(`${level} ${message}`);
  const client = new FabricClient({
    baseUrl,
    tokenProvider: new StaticTokenProvider(TEST_TOKEN),
    userAgent: 'fabric-workbench-tests/0.0.0',
    waitScale: 0.001,
    logger: { trace: keep('trace'), debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') },
    ...options,
  });
  return { client, logs };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
