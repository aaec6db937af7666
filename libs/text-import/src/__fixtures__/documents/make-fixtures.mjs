#!/usr/bin/env node
/**
 * Regenerates the binary test documents (.docx, .odt, .pdf) from their Markdown sources, the
 * way a party's secretary makes them: a word processor's document with heading styles
 * (numbered by the outline, as Word and LibreOffice number chapters), numbered and bulleted
 * lists, tables and struck text, saved as Word, ODF or PDF by LibreOffice.
 *
 *   node libs/text-import/src/__fixtures__/documents/make-fixtures.mjs
 *
 * Needs LibreOffice (soffice) on the PATH. CI does not have it: the tests read the committed files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const here = dirname(fileURLToPath(import.meta.url));

/** source -> the formats made from it, and how. */
const FIXTURES = [
  { source: 'grunerlokka-sv-arsplan-2026.md', formats: ['docx'], numberedHeadings: true },
  { source: 'tromso-rodt-handlingsplan-2025-2027.md', formats: ['pdf'], lineNumbers: true },
  { source: 'bergen-mdg-arbeidsplan-2026.md', formats: ['odt'], numberedHeadings: false },
  { source: 'trondelag-rodt-handlingsplan-2025-2027.md', formats: ['docx'], numberedHeadings: false },
  // Written as HTML, which LibreOffice opens as a web page: a table whose goal cell spans the
  // rows of its measures (Word's vertically merged cells), and "cards" of labelled lines.
  { source: 'lillehammer-venstre-handlingsplan-2026-2028.html', formats: ['docx'] },
  { source: 'asker-ap-arbeidsprogram-2026.html', formats: ['pdf'] },
  // Bullets with their Ansvar and Frist as bullets under them, further in.
  { source: 'ringerike-mdg-handlingsplan-2027-2028.md', formats: ['pdf'], numberedHeadings: false },
];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inline(nodes) {
  return nodes
    .map((n) => {
      if (n.type === 'text') return esc(n.value);
      if (n.type === 'delete') return `<text:span text:style-name="Struck">${inline(n.children)}</text:span>`;
      if (n.type === 'strong') return `<text:span text:style-name="Bold">${inline(n.children)}</text:span>`;
      if (n.type === 'emphasis' || n.type === 'link') return inline(n.children);
      if (n.type === 'break') return '<text:line-break/>';
      if (n.type === 'inlineCode') return esc(n.value);
      return '';
    })
    .join('');
}

function blocks(nodes, options) {
  return nodes.map((n) => block(n, options)).join('\n');
}

function block(n, options) {
  switch (n.type) {
    case 'heading':
      if (n.depth === 1) return `<text:p text:style-name="Title">${inline(n.children)}</text:p>`;
      return `<text:h text:style-name="Heading_20_${n.depth - 1}" text:outline-level="${n.depth - 1}">${inline(n.children)}</text:h>`;
    case 'paragraph':
      return `<text:p text:style-name="Text_20_body">${inline(n.children)}</text:p>`;
    case 'list':
      return list(n, options);
    case 'table':
      return table(n);
    default:
      return '';
  }
}

function list(n, options) {
  const style = n.ordered ? 'Numbered' : 'Bulleted';
  const items = n.children
    .map((item) => {
      const inner = item.children
        .map((c) =>
          c.type === 'paragraph'
            ? `<text:p text:style-name="List_20_Contents">${inline(c.children)}</text:p>`
            : c.type === 'list'
              ? list(c, options)
              : '',
        )
        .join('');
      return `<text:list-item>${inner}</text:list-item>`;
    })
    .join('');
  return `<text:list text:style-name="${style}">${items}</text:list>`;
}

function table(n) {
  const columns = n.children[0]?.children.length ?? 1;
  const rows = n.children
    .map((row, i) => {
      const cells = row.children
        .map(
          (cell) =>
            `<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="${i === 0 ? 'Table_20_Heading' : 'Table_20_Contents'}">${inline(cell.children)}</text:p></table:table-cell>`,
        )
        .join('');
      return `<table:table-row>${cells}</table:table-row>`;
    })
    .join('\n');
  return `<table:table table:name="Tabell${++tableCount}" table:style-name="Table"><table:table-column table:number-columns-repeated="${columns}"/>${rows}</table:table>`;
}
let tableCount = 0;

function fodt(markdown, options) {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const outline = options.numberedHeadings
    ? `<text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>
       <text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>
       <text:outline-level-style text:level="3" style:num-format="1" text:display-levels="3"/>`
    : `<text:outline-level-style text:level="1" style:num-format=""/><text:outline-level-style text:level="2" style:num-format=""/>`;
  const lineNumbers = options.lineNumbers
    ? '<text:linenumbering-configuration text:number-lines="true" text:increment="1" text:number-position="left" text:offset="0.4cm" style:num-format="1" text:count-empty-lines="false"/>'
    : '<text:linenumbering-configuration text:number-lines="false"/>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt" style:font-name="Liberation Sans" fo:language="nb" fo:country="NO"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="22pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="3"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="List_20_Contents" style:display-name="List Contents" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
<text:outline-style style:name="Outline">${outline}</text:outline-style>
${lineNumbers}
</office:styles>
<office:automatic-styles>
<style:style style:name="Struck" style:family="text"><style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style>
<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Table" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
<text:list-style style:name="Numbered"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.9cm" fo:text-indent="-0.6cm" fo:margin-left="0.9cm"/></style:list-level-properties></text:list-level-style-number>
<text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.6cm" fo:text-indent="-0.6cm" fo:margin-left="1.6cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
<text:list-style style:name="Bulleted"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.9cm" fo:text-indent="-0.6cm" fo:margin-left="0.9cm"/></style:list-level-properties></text:list-level-style-bullet>
<text:list-level-style-bullet text:level="2" text:bullet-char="–"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.6cm" fo:text-indent="-0.6cm" fo:margin-left="1.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
</office:automatic-styles>
<office:body><office:text>
${blocks(tree.children, options)}
</office:text></office:body>
</office:document>
`;
}

const work = mkdtempSync(join(tmpdir(), 'planverk-fixtures-'));
try {
  for (const f of FIXTURES) {
    const base = f.source.replace(/\.(md|html)$/, '');
    const flat = join(work, f.source.endsWith('.html') ? f.source : `${base}.fodt`);
    if (f.source.endsWith('.html')) copyFileSync(join(here, f.source), flat);
    else writeFileSync(flat, fodt(readFileSync(join(here, f.source), 'utf8'), f));
    for (const format of f.formats) {
      // A web page is exported with Writer/Web's filters unless told it is a text document.
      const html = f.source.endsWith('.html');
      const filter =
        format === 'docx'
          ? 'docx:MS Word 2007 XML'
          : format === 'odt'
            ? 'odt'
            : html
              ? 'pdf:writer_web_pdf_Export'
              : 'pdf:writer_pdf_Export';
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${work}/profile`,
          '--convert-to',
          filter,
          '--outdir',
          work,
          flat,
        ],
        { stdio: 'ignore' },
      );
      copyFileSync(join(work, `${base}.${format}`), join(here, `${base}.${format}`));
      console.log(`made ${base}.${format}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
