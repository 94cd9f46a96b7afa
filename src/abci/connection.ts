import type { Socket } from "node:net";
import { Request, Response } from "cosmjs-types/tendermint/abci/types";
import type { AbciApplication } from "../app/abci.js";
import { abciCall, dispatch, type AbciCall, type AbciMethod } from "./dispatch.js";
import { encodeFrame, FrameDecoder } from "./framing.js";

export interface AbciLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

const NOTHING = Promise.resolve();

/** A response ready to write, and whether the output must be flushed after it. */
interface Answer {
  frame: Uint8Array;
  flush: boolean;
  /** The app threw: the connection ends after this response, as CometBFT's own server does. */
  fatal: boolean;
}

/**
 * One of CometBFT's four ABCI connections (consensus, mempool, query, snapshot). Requests start
 * in arrival order; a run of consecutive CheckTx requests runs concurrently (the app orders and
 * batches them itself), every other request to the app waits until all earlier ones finished.
 * Responses are written in request order and buffered until a Flush is answered.
 */
export class AbciConnection {
  private readonly decoder = new FrameDecoder();
  /** False once no further request may reach the app: the connection closed, broke or failed. */
  private accepting = true;
  /** Settles when every request so far has been answered. */
  private allDone: Promise<unknown> = Promise.resolve();
  /** While requests are a run of CheckTx: settles when everything before the run is answered. */
  private checkTxGate: Promise<unknown> | undefined;
  /** Settles when every response so far has been written. */
  private written: Promise<void> = Promise.resolve();
  private corked = false;

  constructor(
    private readonly socket: Socket,
    private readonly app: AbciApplication,
    private readonly logger: AbciLogger,
    private readonly name: string,
  ) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    // The client may half-close after its last request: answer everything, then close.
    socket.on("end", () => void this.written.then(() => this.socket.end()));
    socket.on("error", (error) => this.logger.error(`${this.name}: socket error`, error));
    socket.on("close", () => {
      this.accepting = false;
      this.logger.info(`${this.name} closed`);
    });
  }

  private receive(chunk: Buffer): void {
    if (!this.accepting) return;
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      return this.abort("malformed frame", error);
    }
    for (const frame of frames) {
      let call: AbciCall | undefined;
      try {
        call = abciCall(Request.decode(frame));
      } catch (error) {
        return this.abort("undecodable request", error);
      }
      if (!call) return this.abort("request without exactly one method set");
      this.start(call);
    }
  }

  private start(call: AbciCall): void {
    const answer = this.turn(call.method).then(() => this.answer(call));
    if (call.method !== "flush") this.allDone = Promise.all([this.allDone, answer]);
    this.written = Promise.all([this.written, answer]).then(([, ready]) => this.write(ready));
  }

  /** Settles when a request of this method may start. */
  private turn(method: AbciMethod): Promise<unknown> {
    // A Flush asks nothing of the app, so it waits for nothing and does not end a run of CheckTx
    // (CometBFT's mempool sends one every 20 ms); its answer is still written after all earlier ones.
    if (method === "flush") return NOTHING;
    if (method === "checkTx") return (this.checkTxGate ??= this.allDone);
    this.checkTxGate = undefined;
    return this.allDone;
  }

  /** The encoded response, an exception if the app throws, or undefined if the app was not asked. */
  private async answer(call: AbciCall): Promise<Answer | undefined> {
    if (!this.accepting) return undefined;
    try {
      const frame = encodeFrame(Response, await dispatch(this.app, call));
      return { frame, flush: call.method === "flush", fatal: false };
    } catch (error) {
      this.accepting = false;
      this.logger.error(`${this.name}: ${call.method} failed; answering with an exception, which stops CometBFT`, error);
      const message = error instanceof Error ? error.message : String(error);
      return { frame: encodeFrame(Response, { exception: { error: message } }), flush: true, fatal: true };
    }
  }

  private write(answer: Answer | undefined): void {
    if (!answer || !this.socket.writable) return;
    if (!this.corked) {
      this.socket.cork();
      this.corked = true;
    }
    this.socket.write(answer.frame);
    if (answer.flush) {
      this.corked = false;
      this.socket.uncork();
    }
    if (answer.fatal) this.socket.end();
  }

  /** Stops reading and closes the connection: its byte stream cannot be trusted past this point. */
  private abort(reason: string, error?: unknown): void {
    this.accepting = false;
    this.logger.error(`${this.name}: ${reason}; closing the connection`, error);
    this.socket.destroy();
  }
}
