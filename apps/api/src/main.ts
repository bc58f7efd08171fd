import 'reflect-metadata';
import { ConfigError, loadConfig } from '@telework/server-config';
import { createApiApp, logStarted } from './app/bootstrap';
import { runMigrationCommand } from './app/database/migrate-command';

async function main(): Promise<void> {
  const config = loadConfig();
  if (process.argv[2] === 'migrate') {
    await runMigrationCommand(config, process.argv.includes('--revert'));
    return;
  }
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  logStarted(config);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
