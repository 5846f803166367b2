/** Opens a real connection to a test database through the dialect's own `connectPostgres`. */
import { connectPostgres, type PostgresConnection } from '../../src/postgres-connection';

export function connect(url: string): Promise<PostgresConnection> {
  return connectPostgres(url, { baseDir: process.cwd(), mustExist: true });
}
