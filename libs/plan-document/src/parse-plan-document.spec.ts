import { describe, expect, it } from '@jest/globals';
import { PlanDocumentError } from './plan-document-error.js';
import { parsePlanDocument } from './parse-plan-document.js';
import { MAX_DOCUMENT_ELEMENTS, validatePlanDocument } from './validate-plan-document.js';

const HEAD = 'plan: { id: p, org: o, title: P, period: { from: 2024, to: 2027 } }\nsections:\n';

function problemOf(text: string): PlanDocumentError {
  try {
    parsePlanDocument(text);
  } catch (error) {
    if (error instanceof PlanDocumentError) return error;
    throw error;
  }
  throw new Error('the document was read');
}

describe('parsePlanDocument on large documents', () => {
  it('lists the first hundred problems and says how many more there are', () => {
    const measures = Array.from({ length: 300 }, () => '      - text: ""').join('\n');
    const error = problemOf(`${HEAD}  - number: "1"\n    title: Del\n    measures:\n${measures}\n`);
    expect(error.total).toBe(300);
    expect(error.message).toMatch(/^The plan document has 300 problems:/);
    expect(error.issues).toHaveLength(101);
    expect(error.issues[0]).toEqual({
      line: 6,
      path: 'sections[0].measures[0].text',
      message: 'must be a non-empty text',
    });
    expect(error.issues[100]).toEqual({ line: undefined, path: '', message: 'and 200 more problems' });
  });

  it('refuses a document of more elements than one import takes, in plain words', () => {
    const document = {
      plan: { id: 'p', org: 'o', title: 'P', period: { from: 2024, to: 2027 } },
      sections: [{ number: '1', title: 'Del', measures: Array(MAX_DOCUMENT_ELEMENTS).fill({ text: 'x' }) }],
    };
    expect(validatePlanDocument(document)).toEqual([
      {
        segments: [],
        path: '',
        message:
          'the document has 50,001 sections, goals, measures and measurements; one import takes at most 50,000',
      },
    ]);
  });
});
