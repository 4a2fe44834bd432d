/**
 * Starts the relay: checks that there is a built app, serves it with the app's security
 * headers, serves model files at `{base}models/` (models/serve-model.ts), and turns the ways
 * listening can fail into errors a person can act on. The CLI and the end-to-end tests both
 * start the relay through here.
 */
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { RelayStartError } from './errors.ts';
import { sendText } from './file-response.ts';
import { urlHost } from './host-address.ts';
import { allowedHostHeaders, isAllowedHost, wrongHostMessage } from './host-check.ts';
import { resolveModelOptions, type ModelRelayOptions } from './models/config.ts';
import { createModelServer } from './models/serve-model.ts';
import { normaliseBase } from './request-path.ts';
import { appHeaders, extraModelSources } from './security-headers.ts';
import { createStaticHandler } from './static-server.ts';

export { type ModelRelayOptions } from './models/config.ts';

export interface RelayOptions {
  /** The built app (Vite's `dist`). */
  dist: string;
  /** Default '127.0.0.1': only this machine can connect. */
  host?: string;
  /** Default 4173; 0 picks any free port. */
  port?: number;
  /** Where the app is mounted, default '/'. */
  base?: string;
  /** Receives one line per request. */
  log?: (line: string) => void;
  /**
   * Where `{base}models/…` files come from. Without it the relay still answers there, from
   * the hub through the cache in `.omnia-relay-cache` (nothing is fetched until asked).
   */
  models?: ModelRelayOptions;
}

export interface RunningRelay {
  /** Where to open the app, e.g. `http://127.0.0.1:4173/omnia/`. */
  url: string;
  /** Where model files are, e.g. `http://127.0.0.1:4173/omnia/models/`. */
  modelsUrl: string;
  port: number;
  /** Stops accepting connections and waits (up to a few seconds) for open ones to finish. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4173;

// Long downloads would otherwise hold a shutdown open indefinitely.
const CLOSE_GRACE_MS = 2000;

/**
 * Serves `dist` and resolves once the relay is listening.
 * @throws RelayStartError when there is no build, or the address cannot be used.
 */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const dist = resolve(options.dist);
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const base = normaliseBase(options.base ?? '/');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RelayStartError(`Invalid port ${port}: use a number from 0 to 65535.`);
  }
  if (!(await isFile(join(dist, 'index.html')))) {
    throw new RelayStartError(`No built app in ${dist}: run \`npm run build\` first.`);
  }

  const models = await resolveModelOptions(options.models, options.log);

  const headers = appHeaders(extraModelSources());
  const app = createStaticHandler({
    root: dist,
    base,
    headers,
    ...(options.log ? { log: options.log } : {}),
  });
  const modelServer = createModelServer({ base, headers, models });
  // Known once listening (port 0 picks one); no request is handled before that.
  const listening = { port: 0, url: '', hosts: undefined as ReadonlySet<string> | undefined };
  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, listening.hosts)) {
      options.log?.(`Refused ${req.method} ${req.url}: Host ${req.headers.host ?? '(none)'}`);
      const message = wrongHostMessage(req.headers.host, listening.port, listening.url);
      sendText(res, 421, message, headers);
      return;
    }
    if (modelServer.handles(req.url ?? '/')) modelServer.listener(req, res);
    else app(req, res);
  });
  try {
    server.listen(port, host);
    await once(server, 'listening');
  } catch (error) {
    modelServer.close();
    throw listenError(error, host, port);
  }

  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(host)}:${actualPort}${base}`;
  Object.assign(listening, { port: actualPort, url, hosts: allowedHostHeaders(host, actualPort) });
  let closing: Promise<void> | undefined;
  return {
    url,
    modelsUrl: `${url}models/`,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((done, fail) => {
        modelServer.close();
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) fail(error);
          else done();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function listenError(error: unknown, host: string, port: number): RelayStartError {
  const code = (error as NodeJS.ErrnoException).code;
  const cause = { cause: error };
  switch (code) {
    case 'EADDRINUSE':
      return new RelayStartError(
        `Port ${port} is already in use. Stop the other server or choose another port with --port.`,
        cause,
      );
    case 'EACCES':
      return new RelayStartError(
        `Not allowed to listen on port ${port}. Choose a port above 1023 with --port.`,
        cause,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new RelayStartError(
        `Cannot listen on ${host}: it is not an address of this machine. Choose another with --host.`,
        cause,
      );
    default:
      return new RelayStartError(
        `Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
        cause,
      );
  }
}
