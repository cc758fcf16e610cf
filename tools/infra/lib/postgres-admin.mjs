// The service role and its databases, created or repaired through whatever superuser access
// this machine offers.
import { InfraError, asUser, findExecutable, isRoot, run } from './util.mjs';
import { ADMIN_OS_USER, pgLib, pgState } from './postgres.mjs';

const ident = (s) => '"' + String(s).replace(/"/g, '""') + '"';
const literal = (s) => "'" + String(s).replace(/'/g, "''") + "'";

/**
 * Ways to reach Postgres as a superuser, most explicit first: PG_ADMIN_URL, the private
 * cluster's own superuser, `postgres` over TCP (trust), `runuser -u postgres -- psql` (peer).
 * Each is { label, query(sql) => rows as arrays of strings }.
 */
async function* adminSessions(cfg) {
  const state = pgState(cfg);
  const tcp = [];
  if (cfg.pgAdminUrl)
    tcp.push({
      label: 'PG_ADMIN_URL',
      config: { connectionString: cfg.pgAdminUrl },
    });
  if (state?.kind === 'private' && state.adminPassword) {
    tcp.push({
      label: 'the private cluster superuser',
      config: { user: 'postgres', password: state.adminPassword },
    });
  }
  tcp.push({
    label: 'postgres over TCP',
    config: { user: 'postgres', password: process.env.PGPASSWORD ?? '' },
  });
  const errors = [];
  const pg = await pgLib();
  for (const { label, config } of tcp) {
    const client = new pg.Client({
      host: cfg.pgHost,
      port: cfg.pgPort,
      database: 'postgres',
      connectionTimeoutMillis: 2500,
      ...config,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const su = await client.query(
        'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
      );
      if (!su.rows[0]?.rolsuper) throw new Error('not a superuser');
      yield {
        label,
        query: async (sql) =>
          (await client.query({ text: sql, rowMode: 'array' })).rows.map((r) =>
            r.map(String),
          ),
      };
      return;
    } catch (err) {
      errors.push(`${label}: ${err.message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const psql = findExecutable('psql');
  if (isRoot() && psql && cfg.pgLocal) {
    const query = async (sql) => {
      const res = run(
        ...asUser(ADMIN_OS_USER, psql, [
          '-X',
          '-q',
          '-At',
          '-F',
          '\t',
          '-v',
          'ON_ERROR_STOP=1',
          '-p',
          String(cfg.pgPort),
          '-d',
          'postgres',
          '-c',
          sql,
        ]),
      );
      if (res.code !== 0) throw new Error(res.stderr.trim().split('\n').pop());
      return res.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t'));
    };
    try {
      await query('SELECT 1');
      yield { label: `runuser -u ${ADMIN_OS_USER} -- psql`, query };
      return;
    } catch (err) {
      errors.push(`psql as ${ADMIN_OS_USER}: ${err.message}`);
    }
  }
  throw new InfraError(
    `Postgres answers on ${cfg.pgHost}:${cfg.pgPort} but role ${cfg.pgUser} cannot log in and no superuser access works ` +
      `(${errors.join('; ')}): set PG_ADMIN_URL=postgres://<superuser>:<password>@${cfg.pgHost}:${cfg.pgPort}/postgres, ` +
      `or create role ${cfg.pgUser} (password from DATABASE_URL, LOGIN CREATEDB) owning databases ${cfg.databases.join(', ')}`,
  );
}

/** Creates or repairs the service role and its databases; idempotent and safe to race. */
export async function ensureRoleAndDatabases(cfg, log) {
  for await (const admin of adminSessions(cfg)) {
    const ignoreDuplicate = async (sql) => {
      try {
        await admin.query(sql);
      } catch (err) {
        // Another `up` created it a moment ago: 42710 duplicate_object, 42P04 duplicate_database.
        if (!/already exists|duplicate key/.test(err.message)) throw err;
      }
    };
    const role = await admin.query(
      `SELECT 1 FROM pg_roles WHERE rolname = ${literal(cfg.pgUser)}`,
    );
    const spec = `LOGIN CREATEDB PASSWORD ${literal(cfg.pgPassword)}`;
    if (role.length === 0)
      await ignoreDuplicate(`CREATE ROLE ${ident(cfg.pgUser)} ${spec}`);
    await admin.query(`ALTER ROLE ${ident(cfg.pgUser)} ${spec}`);
    const list = cfg.databases.map(literal).join(', ');
    const existing = new Map(
      await admin.query(
        `SELECT datname, pg_get_userbyid(datdba) FROM pg_database WHERE datname IN (${list})`,
      ),
    );
    for (const db of cfg.databases) {
      if (!existing.has(db))
        await ignoreDuplicate(
          `CREATE DATABASE ${ident(db)} OWNER ${ident(cfg.pgUser)}`,
        );
      else if (existing.get(db) !== cfg.pgUser)
        await admin.query(
          `ALTER DATABASE ${ident(db)} OWNER TO ${ident(cfg.pgUser)}`,
        );
    }
    log(
      `role ${cfg.pgUser} (LOGIN CREATEDB) and databases ${cfg.databases.join(', ')} ensured via ${admin.label}`,
    );
  }
}
