#!/usr/bin/env node
// Mails sent per second to a local SMTP server (part of npm run bench:api; alone:
// `node tools/bench/mail-bench.mjs`, on a fresh database of BENCH_DATABASE_ADMIN_URL's server).
// Bundles tools/bench/mail-bench.ts with esbuild (the product's MailSender, unchanged) and runs it.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** { rows, ms, mailsPerSecond, received, distinctMessageIds, passes } for `rows` outbox rows in the database at `databaseUrl` (migrated). */
export async function runMailBench(databaseUrl, rows, { migrate = false } = {}) {
  const outfile = resolve(root, 'dist/bench/mail-bench.cjs');
  await build({
    entryPoints: [resolve(root, 'tools/bench/mail-bench.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external',
    tsconfig: resolve(root, 'tsconfig.base.json'), outfile, logLevel: 'warning',
  });
  const { benchMailSending } = createRequire(import.meta.url)(outfile);
  return benchMailSending({ databaseUrl, rows, migrate });
}

export function printMailBench(result) {
  console.log(`\nMails sent to a local SMTP server (${result.rows.toLocaleString('en-US')} outbox rows, pooled transport, smtp-server in-process)`);
  console.log(`  ${result.mailsPerSecond.toLocaleString('en-US')} mails/s (${result.rows.toLocaleString('en-US')} in ${result.ms.toLocaleString('en-US')} ms, ${result.passes} send passes); ` +
    `${result.received.toLocaleString('en-US')} received, ${result.distinctMessageIds.toLocaleString('en-US')} distinct Message-IDs; ` +
    `${result.cpuMs.toLocaleString('en-US')} ms of CPU in the bench process (sender and SMTP server)`);
}

/** The same on a database of its own (created, migrated, dropped), so nothing else running competes for the rows. */
export async function runMailBenchOnFreshDatabase(adminUrl, rows) {
  const dbName = `tw_bench_mail_${Date.now()}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${dbName}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    return await runMailBench(url.toString(), rows, { migrate: true });
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  printMailBench(await runMailBenchOnFreshDatabase(adminUrl, Number(process.env.BENCH_MAILS ?? 5000)));
}
