import { AuthenticationError, type ProxyError, toProxyError } from "../errors.ts";
import { readToken } from "../http/auth.ts";
import type { TokenPool } from "./pool.ts";
import { keyDigest, matchesAny } from "./token-hash.ts";

/** The Puter token one call uses; release it when the answer is over. */
export interface Credential {
  token: string;
  /** The token's hash in pool mode (for logs and metrics); undefined for a caller's own token. */
  hash?: string;
  release(): void;
}

/**
 * Where a request's Puter token comes from: the caller's own (pass-through, the default), or the
 * proxy's pool behind its access keys.
 */
export interface Credentials {
  /** Checks the request's access key (pool mode); throws a 401 when it is missing or wrong. */
  authorize(request: Request): Promise<void>;
  acquire(request: Request, exclude?: string[]): Promise<Credential>;
  /** Records a failed call; true when the same request may try again on another token. */
  failed(credential: Credential, error: ProxyError): Promise<boolean>;
  /** The error a request gets when its retry failed too. */
  exhausted(): Promise<ProxyError>;
}

/** The caller's token goes to Puter as it is; a failure is theirs to see. */
export const passThrough: Credentials = {
  authorize: async (request) => void readToken(request.headers),
  acquire: async (request) => ({ token: readToken(request.headers), release: () => {} }),
  failed: async () => false,
  exhausted: async () => {
    throw new Error("pass-through credentials never retry");
  },
};

/** The proxy's pool: a client shows one of `ACCESS_KEYS` (never sent on), Puter gets a pool token. */
export async function poolCredentials(accessKeys: string[], pool: TokenPool): Promise<Credentials> {
  const known = await Promise.all(accessKeys.map(keyDigest));
  const authorize = async (request: Request) => {
    let key: string;
    try {
      key = readToken(request.headers);
    } catch {
      throw new AuthenticationError("Missing access key. Send one of this proxy's access keys as the API key (`Authorization: Bearer <key>` or `x-api-key`).");
    }
    if (!matchesAny(await keyDigest(key), known)) throw new AuthenticationError("Invalid access key. Ask this proxy's operator for a valid one.");
  };
  return {
    authorize,
    async acquire(request, exclude = []) {
      await authorize(request);
      const lease = await pool.acquire(request.signal, exclude, exclude.length === 0);
      return { token: lease.token, hash: lease.hash, release: lease.release };
    },
    failed: (credential, error) => (credential.hash ? pool.failed(credential.hash, error) : Promise.resolve(false)),
    exhausted: () => pool.exhausted(),
  };
}

/**
 * Runs `attempt` with a credential for this request. A failure before any byte reached the client
 * that another token may not have (Puter's 429, no credit, a refused token) is retried once on
 * another token; in pass-through mode nothing is retried. The caller releases the credential
 * once the answer is over; on a failure it is released here.
 */
export async function withCredential<T>(request: Request, credentials: Credentials, attempt: (token: string) => Promise<T>): Promise<{ value: T; credential: Credential }> {
  const first = await credentials.acquire(request);
  try {
    return { value: await attempt(first.token), credential: first };
  } catch (error) {
    first.release();
    if (request.signal.aborted || !(await credentials.failed(first, toProxyError(error)))) throw error;
  }
  const second = await credentials.acquire(request, first.hash ? [first.hash] : []);
  try {
    return { value: await attempt(second.token), credential: second };
  } catch (error) {
    second.release();
    if (!(await credentials.failed(second, toProxyError(error)))) throw error;
    throw await credentials.exhausted();
  }
}
