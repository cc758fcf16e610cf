import type { PoolClient } from 'pg';

export interface ClientPool {
  connect(): Promise<PoolClient>;
}

/** A client checked out of the pool with an `error` listener for as long as it is held (removed at release). */
export interface HeldClient {
  readonly client: PoolClient;
  /** The error the connection failed with while held (its queries reject with it too). */
  readonly lost: Error | undefined;
  /** Back to the pool; a client whose connection failed (or `error` is given) is discarded. */
  release(error?: Error): void;
}

/**
 * Checks a client out of `pg`'s pool for work outside TypeORM. The pool removes its own
 * `error` listener while a client is checked out, and `pg` emits `error` when the connection
 * fails (server restart, failover, `pg_terminate_backend`), even on an idle client: with no
 * listener that is an uncaught exception, and the process ends. So a held client always has one.
 */
export async function checkOut(pool: ClientPool, onLost?: (error: Error) => void): Promise<HeldClient> {
  const client = await pool.connect();
  let lost: Error | undefined;
  let released = false;
  const onError = (error: Error): void => {
    lost ??= error;
    onLost?.(error);
  };
  client.on('error', onError);
  return {
    client,
    get lost() {
      return lost;
    },
    release(error?: Error) {
      if (released) return;
      released = true;
      client.removeListener('error', onError);
      client.release(error ?? lost);
    },
  };
}
