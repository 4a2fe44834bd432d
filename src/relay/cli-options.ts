/**
 * Reads the relay's command line and environment into options. Kept apart from cli.ts so
 * parsing can be tested without starting a process.
 */
import { parseArgs } from 'node:util';
import { CliUsageError } from './errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './start.ts';

export interface CliOptions {
  dist: string;
  host: string;
  port: number;
  base: string;
  verbose: boolean;
}

export type CliCommand = { kind: 'help' } | { kind: 'serve'; options: CliOptions };

export const USAGE = `Serve the built Omnia app from this machine.

Usage: tsx src/relay/cli.ts [options]

Options:
  --dist <dir>    the built app (default: dist)
  --host <host>   address to listen on (default: ${DEFAULT_HOST}, env OMNIA_HOST);
                  any other address lets your network reach Omnia
  --port <port>   port to listen on (default: ${DEFAULT_PORT}, env OMNIA_PORT; 0 = any free port)
  --base <path>   URL path the app is served under (default: /)
  -v, --verbose   log every request
  -h, --help      show this help`;

/**
 * Flags win over the environment, which wins over defaults.
 * @throws CliUsageError for unknown flags or a port that is not a number from 0 to 65535.
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        dist: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        base: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  if (values.help) return { kind: 'help' };

  const host = (values.host ?? fromEnv(env, 'OMNIA_HOST') ?? DEFAULT_HOST).trim();
  if (host === '') throw new CliUsageError('The host is empty: give an address such as 127.0.0.1.');
  return {
    kind: 'serve',
    options: {
      dist: values.dist ?? 'dist',
      host,
      port: parsePort(values.port ?? fromEnv(env, 'OMNIA_PORT') ?? String(DEFAULT_PORT)),
      base: values.base ?? '/',
      verbose: values.verbose ?? false,
    },
  };
}

// `OMNIA_PORT= npm run serve` means "no preference", not "port empty".
function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parsePort(text: string): number {
  const port = /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new CliUsageError(
      `Invalid port "${text}": use a number from 0 to 65535 (0 picks a free port).`,
    );
  }
  return port;
}
