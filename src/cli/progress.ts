/**
 * The progress of a shop crawl: a bar redrawn in place on a terminal's stderr (items, pages, rate,
 * ETA), and the one-line summary printed when it ends. Nothing is drawn when stderr is not a
 * terminal, so that logs and pipes get no carriage returns.
 */
import type { ShopCrawlProgress } from '../methods/iterate-shop-items.js';

const BAR_WIDTH = 24;
// Redraws closer together than this only flicker.
const REDRAW_MS = 100;

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** `[#####-----] 400/1900 items  4/19 pages  210 items/s  ETA 7.1 s` */
export function progressLine(progress: ShopCrawlProgress, elapsedMs: number): string {
  const { items, total, pages, pageCount } = progress;
  const share = total > 0 ? Math.min(1, items / total) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const rate = elapsedMs > 0 ? (items * 1000) / elapsedMs : 0;
  const eta = rate > 0 && items < total ? `ETA ${seconds(((total - items) / rate) * 1000)}` : '';
  return [
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
    `${items}/${total} items`,
    `${pages}/${pageCount} pages`,
    `${Math.round(rate)} items/s`,
    eta,
  ]
    .filter(Boolean)
    .join('  ');
}

/** `crawled 1900 of 1900 items in 19 pages, 2.0 s (950 items/s)` */
export function crawlSummary(progress: ShopCrawlProgress | undefined, elapsedMs: number): string {
  const items = progress?.items ?? 0;
  const rate = elapsedMs > 0 ? Math.round((items * 1000) / elapsedMs) : 0;
  return `crawled ${items} of ${progress?.total ?? 0} items in ${progress?.pages ?? 0} pages, ${seconds(elapsedMs)} (${rate} items/s)`;
}

export interface ProgressBar {
  update(progress: ShopCrawlProgress): void;
  /** Clears the bar's line; the last progress seen is kept for the summary. */
  finish(): ShopCrawlProgress | undefined;
  elapsedMs(): number;
}

export function progressBar(write: (text: string) => void, enabled: boolean, now = () => Date.now()): ProgressBar {
  const started = now();
  let last: ShopCrawlProgress | undefined;
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    update(progress) {
      last = progress;
      const t = now();
      const complete = progress.items >= progress.total || progress.pages >= progress.pageCount;
      if (!enabled || (t - drawnAt < REDRAW_MS && !complete)) return;
      drawnAt = t;
      drawn = true;
      write(`\r\x1b[2K${progressLine(progress, t - started)}`);
    },
    finish() {
      if (drawn) write('\r\x1b[2K');
      return last;
    },
    elapsedMs: () => now() - started,
  };
}
