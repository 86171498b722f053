/**
 * The gateway URLs of a client and which one a call starts on. After a backup answered, new calls
 * start there for a while (the primary looked down), then try the primary again.
 */

/** After a failover succeeds, new calls start on the working URL for this long. */
const FAILOVER_STICKY_MS = 30_000;

export class UrlRotation {
  private sticky: { index: number; untilMs: number } | undefined;

  constructor(readonly urls: readonly string[]) {}

  /** The index a new call starts on. */
  startIndex(): number {
    const sticky = this.sticky;
    if (sticky === undefined) return 0;
    if (Date.now() < sticky.untilMs) return sticky.index;
    this.sticky = undefined;
    return 0;
  }

  /** The URL after `index`, round the list. */
  next(index: number): number {
    return (index + 1) % this.urls.length;
  }

  get canFailOver(): boolean {
    return this.urls.length > 1;
  }

  /** A backup at `index` answered (below 500): keep new calls there for a while. */
  answered(index: number, httpStatus: number): void {
    if (index !== 0 && httpStatus < 500) this.sticky = { index, untilMs: Date.now() + FAILOVER_STICKY_MS };
  }

  url(index: number): string {
    return this.urls[index] as string;
  }
}
