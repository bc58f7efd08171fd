import type { AppConfig } from '@telework/server-config';
import { createDataSource } from '@telework/persistence';

/** `npm run migrate` (and `-- --revert` to undo the last one). */
export async function runMigrationCommand(config: AppConfig, revert: boolean): Promise<void> {
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    if (revert) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Database already up to date');
    }
  } finally {
    await dataSource.destroy();
  }
}
