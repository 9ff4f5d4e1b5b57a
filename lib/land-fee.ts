// The fee for a certified copy of a land record or map (प्रतिलिपि शुल्क): a first-page fee plus a
// smaller fee for each further page. Pure, so workflows can price a copy from their pinned policy.

export interface CopyFeePolicy {
  firstPageRupees: number;
  perFurtherPageRupees: number;
}

/** Rupees due for a copy of `pages` pages (₹30 + ₹15 per further page under the seeded catalogue). */
export function copyFeeRupees(pages: number, fee: CopyFeePolicy): number {
  if (!Number.isInteger(pages) || pages < 1)
    throw new RangeError(`pages must be a whole number ≥ 1, got ${pages}`);
  return fee.firstPageRupees + (pages - 1) * fee.perFurtherPageRupees;
}

/** Pages a copy of `plotCount` plots takes; even a copy of nothing found is one printed page. */
export function pagesForPlots(plotCount: number, plotsPerPage = 10): number {
  if (!Number.isInteger(plotsPerPage) || plotsPerPage < 1)
    throw new RangeError(`plotsPerPage must be a whole number ≥ 1, got ${plotsPerPage}`);
  return Math.max(1, Math.ceil(Math.max(0, plotCount) / plotsPerPage));
}
