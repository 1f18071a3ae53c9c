/**
 * What a person would see on the screen, line by line: an interactive device session is a byte
 * stream meant for a terminal (CR to go back to the line start, backspaces and blanks to erase a
 * pager prompt, ANSI colour and cursor sequences from a console host). Lines are kept as
 * the terminal would show them; the line the cursor is on (no newline yet) is where a prompt or a
 * pager waits, so prompt detection looks at that line alone.
 */
import { StringDecoder } from 'node:string_decoder';

export class TerminalLines {
  private decoder = new StringDecoder('utf8');
  /** committed lines, right-trimmed */
  private done: string[] = [];
  private cur: string[] = [];
  private col = 0;
  /** an escape sequence cut by a chunk boundary */
  private pendingEsc = '';

  write(chunk: Buffer | string): void {
    let s = this.pendingEsc + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    this.pendingEsc = '';
    // keep an unfinished escape sequence for the next chunk
    const esc = s.lastIndexOf('\x1b');
    if (esc !== -1 && !/^\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])/.test(s.slice(esc))) {
      this.pendingEsc = s.slice(esc);
      s = s.slice(0, esc);
    }
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\x1b') {
        const m = /^\x1b(?:\[([0-9;?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/.exec(s.slice(i, i + 256));
        if (m) {
          if (m[2] === 'K') this.cur.length = Math.min(this.cur.length, this.col); // erase to end of line
          i += m[0].length - 1;
        }
        continue;
      }
      if (c === '\n') this.commit();
      else if (c === '\r') this.col = 0;
      else if (c === '\b') this.col = Math.max(0, this.col - 1);
      else if (c === '\x07' || c === '\x00') continue;
      else {
        this.cur[this.col++] = c;
      }
    }
  }

  private commit(): void {
    this.done.push(this.currentLine().trimEnd());
    this.cur = [];
    this.col = 0;
  }

  /** the line the cursor is on (a prompt, a pager, `Password:`), as shown */
  currentLine(): string {
    let t = '';
    for (let i = 0; i < this.cur.length; i++) t += this.cur[i] ?? ' ';
    return t;
  }

  /** forget the current line (a pager prompt answered) */
  clearCurrentLine(): void {
    this.cur = [];
    this.col = 0;
  }

  /** take the committed lines so far (the output of the command being read) */
  takeLines(): string[] {
    const out = this.done;
    this.done = [];
    return out;
  }

  get committedCount(): number {
    return this.done.length;
  }
}
