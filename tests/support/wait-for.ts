/** Polls `check` every 10 ms until it holds; fails after `timeoutMs` with what `state` says then. */
export async function waitFor(check: () => boolean, state: () => string = () => '', timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time${state() ? `: ${state()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
