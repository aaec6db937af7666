import { describe, expect, it } from '@jest/globals';
import { UnreadableDocumentError, importPlanText } from './index.js';
import { SEEDS, readSeed } from './__fixtures__/seeds.js';

describe('importPlanText', () => {
  it.each([
    [SEEDS.osloSv2020, 'toc-chapters'],
    [SEEDS.osloSv2026, 'lettered-tables'],
    [SEEDS.svNational, 'goal-subgoal'],
    [SEEDS.osloAp, 'line-numbered-prose'],
    [SEEDS.buskerudSv, 'ocr-lists'],
  ])('recognises the shape of %s from its content', (file, shape) => {
    // A misleading source name changes nothing: only the text is read.
    expect(importPlanText(readSeed(file), { sourceName: SEEDS.osloSv2026 }).report.shape).toBe(shape);
  });

  it('derives each plan id from organisation and period', () => {
    const ids = Object.values(SEEDS).map((f) => importPlanText(readSeed(f)).document.plan.id);
    expect(ids).toEqual([
      'oslo-sv-2020-2023',
      'oslo-sv-2024-2027',
      'sv-2022-2025',
      'oslo-ap-2018-2019',
      'buskerud-sv-2024-2027',
    ]);
  });

  it('takes id and organisation from the options when given', () => {
    const { plan } = importPlanText(readSeed(SEEDS.osloSv2026), { id: 'x-1', org: 'oslo' }).document;
    expect([plan.id, plan.org]).toEqual(['x-1', 'oslo']);
    expect(importPlanText(readSeed(SEEDS.svNational), { org: 'sv-sentralt' }).document.plan.id).toBe(
      'sv-sentralt-2022-2025',
    );
  });

  it('is deterministic: the same text gives the same document', () => {
    for (const file of Object.values(SEEDS)) {
      const text = readSeed(file);
      expect(JSON.stringify(importPlanText(text))).toBe(JSON.stringify(importPlanText(text)));
    }
  });

  it('reads Windows line endings the same way', () => {
    const text = readSeed(SEEDS.osloSv2026);
    expect(importPlanText(text.replace(/\n/g, '\r\n')).document).toEqual(importPlanText(text).document);
  });

  it.each([
    ['an empty text', '', /empty/],
    ['only whitespace', ' \n\n\t \n', /empty/],
    ['binary data', `%PDF-1.7\u0000\u0001\u0002${'\u0000\u0003\ufffd'.repeat(50)}`, /binary/],
    [
      'prose of no known shape',
      'Referat fra styremøte.\n\nTilstede: alle.\nSak 1: Budsjett.\n',
      /no recognisable plan shape/,
    ],
  ])('throws UnreadableDocumentError for %s', (_what, text, message) => {
    expect(() => importPlanText(text, { sourceName: 'x.txt' })).toThrow(UnreadableDocumentError);
    expect(() => importPlanText(text, { sourceName: 'x.txt' })).toThrow(message);
  });

  it('throws when a shape is recognised but its period cannot be read', () => {
    const text = 'Mål:\tNoe\nDelmål:\nNoe annet\nTiltak:\n· Et tiltak\n';
    expect(() => importPlanText(text)).toThrow(UnreadableDocumentError);
  });
});
