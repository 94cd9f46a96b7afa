import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";

/**
 * Questions on stderr, answers from stdin. In a terminal a secret is typed without echo; from a
 * pipe each answer is the next line (so scripts can feed a mnemonic, then a passphrase).
 * `undefined` means stdin ended (or Ctrl-C) before an answer. Close it when the command ends.
 */
export class Prompter {
  private reader: Interface | undefined;
  private pipedLines: AsyncIterator<string> | undefined;
  private muted = false;

  async line(question: string): Promise<string | undefined> {
    return this.ask(question, false);
  }

  async secret(question: string): Promise<string | undefined> {
    return this.ask(question, true);
  }

  /** A yes/no question that defaults to no. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.line(`${question} [y/N]: `);
    return answer !== undefined && /^y(es)?$/i.test(answer.trim());
  }

  close(): void {
    this.reader?.close();
  }

  private ask(question: string, hidden: boolean): Promise<string | undefined> {
    return process.stdin.isTTY ? this.askTerminal(question, hidden) : this.askPipe(question);
  }

  private askTerminal(question: string, hidden: boolean): Promise<string | undefined> {
    if (!this.reader) {
      // The terminal echoes through `output`; muting it hides what is typed after the question.
      const echo = new Writable({
        write: (chunk, _encoding, done) => {
          if (!this.muted) process.stderr.write(chunk);
          done();
        },
      });
      this.reader = createInterface({ input: process.stdin, output: echo, terminal: true });
      this.reader.on("SIGINT", () => this.reader?.close());
    }
    const reader = this.reader;
    return new Promise((resolve) => {
      const abandon = () => resolve(undefined);
      reader.once("close", abandon);
      reader.question(question, (answer) => {
        reader.off("close", abandon);
        if (this.muted) process.stderr.write("\n");
        this.muted = false;
        resolve(answer);
      });
      this.muted = hidden;
    });
  }

  private async askPipe(question: string): Promise<string | undefined> {
    process.stderr.write(question);
    // One iterator for the whole command: it buffers lines that arrive before they are asked for.
    this.reader ??= createInterface({ input: process.stdin });
    this.pipedLines ??= this.reader[Symbol.asyncIterator]();
    const next = await this.pipedLines.next();
    process.stderr.write("\n");
    return next.done ? undefined : next.value;
  }
}
