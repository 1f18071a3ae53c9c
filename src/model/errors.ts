/**
 * Input errors. A ParseError is the one error an adapter may throw: the CLI prints it as
 * `file:line: message` and exits 2. Anything else escaping an adapter is a bug in the adapter.
 */
export class ParseError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, message: string) {
    super(message);
    this.name = 'ParseError';
    this.file = file;
    this.line = line;
  }
  /** `file:line: message`, the form every user-facing input error takes. */
  get located(): string {
    return this.line === undefined ? `${this.file}: ${this.message}` : `${this.file}:${this.line}: ${this.message}`;
  }
}

/** A usage error (bad flag, unknown rule id): exit 2 with the message alone. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
