import { escapeHtml } from '@app/read-models';

/**
 * HTML built from template literals. Every interpolated value is escaped unless it is already
 * `Html` (the result of another `html` template, or `raw` for trusted constants), so a plan's
 * text, a note or a query parameter can never become markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Text and attribute values alike: the escaping the reports use too. */
export { escapeHtml };

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup we wrote ourselves (never user data). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** JSON for a data attribute: escaped by `html` like any other value, parsed by pages.js. */
export function jsonAttr(value: unknown): string {
  return JSON.stringify(value);
}
