/** The short stand-in for a token in logs, metrics and Redis keys: 12 hex digits of its SHA-256. */
export async function tokenHash(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  let hex = "";
  for (const byte of digest.subarray(0, 6)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** SHA-256 of a key, for comparing keys without leaking their length or content through timing. */
export async function keyDigest(key: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
}

/** Whether `digest` equals one of `known`: every byte of every key is compared, whatever matches. */
export function matchesAny(digest: Uint8Array, known: Uint8Array[]): boolean {
  let found = 0;
  for (const candidate of known) {
    let difference = 0;
    for (let i = 0; i < candidate.length; i++) difference |= (candidate[i] as number) ^ (digest[i] as number);
    found |= difference === 0 ? 1 : 0;
  }
  return found === 1;
}
