/** An AbortSignal that follows others, and a way to stop following them. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Removes the listeners from the source signals; call it when the request is done. */
  dispose(): void;
}

/**
 * Like `AbortSignal.any`, but releases its listeners on `dispose()`. `AbortSignal.any` leaves a
 * listener on every long-lived source (the client's signal) until garbage collection, so a sync
 * of thousands of requests piles them up (MaxListenersExceededWarning).
 */
export function linkSignals(sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const onAbort = () => controller.abort(source.reason);
    source.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => source.removeEventListener("abort", onAbort));
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const cleanup of cleanups) cleanup();
    },
  };
}
