/** Stands where the changing part goes; a string no JSON value of ours contains by chance. */
const HOLE = "\u0000hole\u0000";

/**
 * `JSON.stringify(shape(value))` for many values of one shape, with everything but `value`
 * serialised once: for stream chunks that repeat an id, a model and a timestamp around a small
 * delta. Gives exactly the bytes `JSON.stringify` would; falls back to it when the fixed part
 * happens to contain the hole marker itself.
 */
export function jsonTemplate<T>(shape: (hole: unknown) => unknown): (value: T) => string {
  const parts = JSON.stringify(shape(HOLE)).split(JSON.stringify(HOLE));
  if (parts.length !== 2) return (value) => JSON.stringify(shape(value));
  const [head, tail] = parts as [string, string];
  return (value) => head + JSON.stringify(value) + tail;
}
