/**
 * Cuts streamed text at the first stop sequence, for vendors behind Puter that ignore them. Text
 * that could be the start of a stop sequence is held back (as long as the longest one, minus one
 * character) until the next piece shows whether it is.
 */
export class StopSequenceCutter {
  readonly #sequences: string[];
  readonly #hold: number;
  #pending = "";
  /** The stop sequence that ended the text, once one did. */
  matched: string | undefined;

  constructor(sequences: string[]) {
    this.#sequences = sequences.filter((sequence) => sequence.length > 0);
    this.#hold = Math.max(0, ...this.#sequences.map((sequence) => sequence.length - 1));
  }

  /** The part of `text` that is safe to send now; nothing once a stop sequence matched. */
  push(text: string): string {
    if (this.matched !== undefined) return "";
    if (this.#sequences.length === 0) return text;
    const buffer = this.#pending + text;
    let cut = -1;
    for (const sequence of this.#sequences) {
      const at = buffer.indexOf(sequence);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
        this.matched = sequence;
      }
    }
    if (cut >= 0) {
      this.#pending = "";
      return buffer.slice(0, cut);
    }
    let keep = Math.max(0, buffer.length - this.#hold);
    // Never split a surrogate pair between what is sent and what is held.
    if (keep > 0 && keep < buffer.length && isLowSurrogate(buffer.charCodeAt(keep))) keep -= 1;
    this.#pending = buffer.slice(keep);
    return buffer.slice(0, keep);
  }

  /** What is still held back, when the text ends (or another block begins) without a match. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = "";
    return rest;
  }
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
