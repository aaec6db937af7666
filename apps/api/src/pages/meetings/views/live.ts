import { createHash } from 'node:crypto';
import { html, type Html } from '../../html.js';

/** A short fingerprint of what a live region shows: the page asks again with it, and hears 204 until it changes. */
export function fingerprint(body: Html): string {
  return createHash('sha256').update(body.value).digest('base64url').slice(0, 16);
}

/**
 * A region that follows the meeting without reloading: htmx asks `src` every `every` with the
 * fingerprint of what it shows, and swaps in the answer only when the meeting has changed (the
 * server answers 204 otherwise, which htmx leaves alone).
 */
export function liveRegion(id: string, src: string, body: Html, every: string, className = 'live'): Html {
  const separator = src.includes('?') ? '&' : '?';
  return html`<div
    id="${id}"
    class="${className}"
    hx-get="${src}${separator}v=${fingerprint(body)}"
    hx-trigger="every ${every}"
    hx-swap="outerHTML"
  >
    ${body}
  </div>`;
}
