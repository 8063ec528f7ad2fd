// kctl: builds the commander program with the verb the command line names, nothing else.
import { Command } from 'commander';
import { makeRunner, reportError } from './command-runner.js';
import { normalizeArgv, verbOf } from './argv.js';
import { registerVerbs } from './commands/index.js';

const program = new Command('kctl')
  .description("kctl controls a local mini Kubernetes (and speaks kubectl's language to any cluster).")
  .option('--kubeconfig <path>', 'path to the kubeconfig file to use for CLI requests')
  .option('--context <name>', 'the name of the kubeconfig context to use')
  .option('-n, --namespace <namespace>', 'if present, the namespace scope for this CLI request')
  .option('-s, --server <url>', 'the address and port of the Kubernetes API server')
  .option('--token <token>', 'bearer token for authentication to the API server')
  .option('--request-timeout <duration>', 'accepted for kubectl compatibility')
  .option('-v, --v <level>', 'accepted for kubectl compatibility')
  .showHelpAfterError()
  .exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
    process.exit(1);
  });

const argv = normalizeArgv(process.argv);

registerVerbs(program, makeRunner(), verbOf(argv.slice(2)))
  .then(() => program.parseAsync(argv))
  .catch((err: unknown) => {
    reportError(err);
    process.exitCode = 1;
  });
