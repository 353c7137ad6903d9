import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";

/** The platform's own Response, taken before @hono/node-server swaps in its lighter one. */
const PlatformResponse = globalThis.Response;

/**
 * An upstream answer whose body is still the Node stream it arrived on. Most answers are read
 * whole: `text()` reads them straight off the socket, with no web stream and none of fetch's body
 * machinery (a web stream costs about 10 µs to make on Node 20, reading through it several promise
 * turns per chunk). `body` makes the web stream on first use, for answers streamed through. Every
 * other way of reading goes through a full Response over that stream.
 */
export class NodeResponse extends PlatformResponse {
  readonly #message: IncomingMessage | null;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;
  #read = false;

  constructor(message: IncomingMessage | null, init: ResponseInit) {
    super(null, init);
    this.#message = message;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#stream === undefined) this.#stream = this.#message ? (Readable.toWeb(this.#message) as ReadableStream<Uint8Array<ArrayBuffer>>) : null;
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#read || (this.#stream?.locked ?? false);
  }

  override text(): Promise<string> {
    if (this.bodyUsed) return Promise.reject(new TypeError("Body is unusable: it has already been read."));
    if (this.#stream !== undefined || !this.#message) return this.#whole().text();
    this.#read = true;
    return text(this.#message);
  }

  override async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#whole().arrayBuffer();
  }

  override blob(): Promise<Blob> {
    return this.#whole().blob();
  }

  override formData(): Promise<FormData> {
    return this.#whole().formData();
  }

  override clone(): Response {
    throw new TypeError("An upstream answer cannot be cloned: read it once.");
  }

  /** A full Response over the web stream, for the ways of reading this one does not do itself. */
  #whole(): Response {
    return new PlatformResponse(this.body, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}
