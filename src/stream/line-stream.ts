/**
 * Splits decoded text into lines: `\n` or `\r\n` ends a line, and a last line without a newline is
 * still delivered. Empty lines are passed on; the consumer decides what they mean.
 */
export class LineStream extends TransformStream<string, string> {
  constructor() {
    let rest = "";
    super({
      transform(text, controller) {
        let start = 0;
        let end = text.indexOf("\n");
        if (end === -1) {
          rest += text;
          return;
        }
        // The first line completes whatever the previous chunk left unfinished.
        controller.enqueue(trimCarriageReturn(rest + text.slice(0, end)));
        rest = "";
        start = end + 1;
        while ((end = text.indexOf("\n", start)) !== -1) {
          controller.enqueue(trimCarriageReturn(text.slice(start, end)));
          start = end + 1;
        }
        rest = text.slice(start);
      },
      flush(controller) {
        if (rest) controller.enqueue(trimCarriageReturn(rest));
      },
    });
  }
}

function trimCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
