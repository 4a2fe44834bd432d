/**
 * The `npm run serve` command: serves the built app on 127.0.0.1 until Ctrl+C. Prints the
 * URL as its first line (scripts and tests read it), and for errors a person can fix only
 * the message, never a stack.
 */
import { CliUsageError, RelayStartError } from './errors.ts';
import { parseCli, USAGE } from './cli-options.ts';
import { isLoopbackHost } from './host-address.ts';
import { startRelay } from './start.ts';

const USAGE_EXIT = 2;

async function main(): Promise<number> {
  let command;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`${error.message}\nRun with --help to see the options.`);
    return USAGE_EXIT;
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }

  const { options } = command;
  const print = (line: string) => console.log(line);
  let relay;
  try {
    relay = await startRelay({
      dist: options.dist,
      host: options.host,
      port: options.port,
      base: options.base,
      ...(options.verbose ? { log: print } : {}),
      // Model downloads are rare and worth seeing, so they are logged without --verbose too.
      models: { ...options.models, log: print },
    });
  } catch (error) {
    if (!(error instanceof RelayStartError)) throw error;
    console.error(error.message);
    return 1;
  }

  console.log(`Omnia is running at ${relay.url}`);
  console.log(`Model files are at ${relay.modelsUrl}{repo}/resolve/{revision}/{file}`);
  console.log('Press Ctrl+C to stop.');
  if (!isLoopbackHost(options.host)) {
    // Plain HTTP on a LAN address is not a secure context: no service worker, no WebGPU.
    console.error(
      `Warning: listening on ${options.host}, so other devices on your network can reach Omnia (over plain HTTP).`,
    );
  }

  await nextSignal();
  // A second Ctrl+C while downloads drain means "now".
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.exit(130));
  await relay.close();
  return 0;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

process.exitCode = await main();
