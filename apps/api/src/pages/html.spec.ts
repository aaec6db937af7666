import { describe, expect, it } from '@jest/globals';
import { escapeHtml, html, raw } from './html.js';

describe('html templates', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const text = `<script>alert("x")</script> & 'quote'`;
    expect(html`<p title="${text}">${text}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;</p>',
    );
  });

  it('keeps nested templates and raw markup as markup, and joins lists', () => {
    const items = ['a<b', 'c'].map((i) => html`<li>${i}</li>`);
    // (Called through another name so that prettier leaves the template's whitespace alone.)
    const tag = html;
    expect(tag`<ul>${items}</ul>${raw('<hr>')}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>');
  });

  it('leaves out null, undefined and false, and prints numbers', () => {
    expect(html`${null}${undefined}${false}${0}${12.5}`.value).toBe('012.5');
  });

  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
