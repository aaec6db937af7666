import type { Redline } from './redline.js';

/**
 * The redline as a Word document with tracked changes (render-redline-docx.ts), loaded when one is
 * first asked for: the docx library adds some 19 MiB to every process, most of which never
 * writes one.
 */
export async function renderRedlineDocx(r: Redline): Promise<Buffer> {
  const { renderRedlineDocx: render } = await import('./render-redline-docx.js');
  return render(r);
}
