/** Where lines finally go: pino's synchronous sonic-boom destination on stdout, or any writable. */
export interface LineSink {
  write(chunk: string): unknown;
}

export interface BatchedLogStream {
  write(line: string): void;
  /** Writes what is pending now (also run at process exit); pino's `logger.flush(callback)` lands here. */
  flush(callback?: (error?: Error) => void): void;
}

/** Above this many pending characters the batch is written at once rather than at the end of the turn. */
const MAX_PENDING = 64 * 1024;

/**
 * The process's log stream: the lines logged during one turn of the event loop (under load, the
 * access lines of several requests) are written together at its end, in one synchronous write,
 * instead of one write per line (a system call that cost about as much as formatting the line).
 * Lines keep their order and wait microseconds, not for a timer. At exit, including an exit after
 * an uncaught exception (the crash guards log it, then exit), pending lines are written before
 * the process ends; only a process killed outright (SIGKILL, a V8 abort) loses the lines of the
 * turn it was in.
 */
export function batchedLogStream(sink: LineSink): BatchedLogStream {
  let pending = '';
  let scheduled = false;
  const writePending = (): void => {
    scheduled = false;
    if (pending === '') return;
    const batch = pending;
    pending = '';
    sink.write(batch);
  };
  process.on('exit', writePending);
  return {
    write(line) {
      pending += line;
      if (pending.length >= MAX_PENDING) writePending();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(writePending);
      }
    },
    flush(callback) {
      writePending();
      callback?.();
    },
  };
}
