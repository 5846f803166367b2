/**
 * Runs `f`, prefixing the message of what it throws with `what` (`column "x": ...`) and keeping the original as
 * `cause`, so an error from deep inside a table mapping names the object it came from.
 */
export function within<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
