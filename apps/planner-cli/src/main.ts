import { runCli } from './app/cli';

process.exitCode = runCli(process.argv.slice(2));
