// A small router: `METHOD /path/{param}` patterns (case-insensitive, as Fabric's paths are) to
// handlers that return a status, headers and a JSON body.
import { badRequest } from './apiError';
export interface Request {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** scheme://host:port the request came in on, for absolute URLs in answers. */
  origin: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  key: string;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`, 'i'), names, handler, key: `${method} /v1${path}` });
    return this;
  }

  /** The route for the request; `{ allowed }` when the path is known but not with this method (405 lists them). */
  match(method: string, path: string): { handler: Handler; params: Record<string, string>; key: string } | { allowed: string[] } | undefined {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = Object.create(null);
      route.names.forEach((name, i) => (params[name] = checkParam(name, match[i + 1]!)));
      return { handler: route.handler, params, key: route.key };
    }
    return allowed.length ? { allowed: [...new Set(allowed)] } : undefined;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A decoded path parameter; every `…Id` parameter is a uuid in Fabric's specs. */
function checkParam(name: string, raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw badRequest('InvalidParameter', `The ${name} in the path is not valid percent-encoding.`);
  }
  if (name.endsWith('Id') && !GUID.test(value)) {
    throw badRequest('InvalidParameter', `The ${name} in the path must be a GUID such as 00000000-0000-0000-0000-000000000000.`);
  }
  return value;
}
