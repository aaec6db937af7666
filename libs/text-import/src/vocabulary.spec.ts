import { describe, expect, it } from '@jest/globals';
import { labelled } from './vocabulary.js';

describe('a label at the start of a line', () => {
  it.each([
    ['Ansvar: styret', { role: 'responsible', label: 'Ansvar', value: 'styret' }],
    ['Tiltak:', { role: 'measures', label: 'Tiltak', value: '' }],
    // A goal or measure the document numbers: the number is kept apart from its text.
    [
      'Tiltak 1.2: Stand hver lørdag',
      { role: 'measures', label: 'Tiltak', value: 'Stand hver lørdag', number: '1.2' },
    ],
    [
      'Aktivitet nr. 4. Sommerfest',
      { role: 'measures', label: 'Aktivitet', value: 'Sommerfest', number: '4' },
    ],
    ['Mål 3 – Flere medlemmer', { role: 'goals', label: 'Mål', value: 'Flere medlemmer', number: '3' }],
  ])('reads %j', (line, expected) => {
    expect(labelled(line)).toEqual(expected);
  });

  it.each([
    // No separator after the number: prose that starts with the word.
    'Tiltak 3 ganger i året er for lite',
    // Only goals and measures are numbered this way.
    'Ansvar 2: styret',
    'Vi møtes 2. juni',
  ])('is no label in %j', (line) => {
    expect(labelled(line)).toBeUndefined();
  });
});
