/** Stands where a changing part goes; strings no JSON value of ours contains by chance. */
const hole = (i: number) => `\u0000hole${i}\u0000`;

/**
 * `JSON.stringify(shape(...values))` for many values of one shape, with everything but the values
 * serialised once: for stream events that repeat ids, a model and a timestamp around a small
 * delta. One hole per parameter of `shape`. Gives exactly the bytes `JSON.stringify` would; falls
 * back to it when the fixed part happens to contain a hole marker itself.
 */
export function jsonTemplate<A extends unknown[]>(shape: (...holes: A) => unknown): (...values: A) => string {
  const markers = Array.from({ length: shape.length }, (_, i) => hole(i));
  const parts: string[] = [];
  let rest = JSON.stringify(shape(...(markers as A)));
  for (const marker of markers) {
    const at = rest.split(JSON.stringify(marker));
    if (at.length !== 2) return (...values) => JSON.stringify(shape(...values));
    parts.push(at[0] as string);
    rest = at[1] as string;
  }
  parts.push(rest);
  return (...values) => {
    let out = parts[0] as string;
    for (let i = 0; i < markers.length; i++) out += JSON.stringify(values[i]) + (parts[i + 1] as string);
    return out;
  };
}
