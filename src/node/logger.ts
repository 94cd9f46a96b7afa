/** Where the node reports what it does. */
export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const silentLogger: Logger = { info() {}, error() {} };

/** Timestamped lines on stdout / stderr. */
export const consoleLogger: Logger = {
  info: (message) => console.log(`${new Date().toISOString()} INF ${message}`),
  error: (message, error) => console.error(`${new Date().toISOString()} ERR ${message}${error ? `: ${(error as Error).stack ?? String(error)}` : ""}`),
};
