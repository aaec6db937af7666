/**
 * A valid plan document (YAML) of `measures` measures in sections of `perSection`, for the
 * tests and the benchmark of large imports: 18,000 measures make a document of about 1.9 MB,
 * close to the 2 MB a request may carry.
 */
export function largePlanDocument(options: {
  readonly planId: string;
  readonly org: string;
  readonly measures: number;
  readonly perSection?: number;
}): string {
  const perSection = options.perSection ?? 100;
  const lines = [
    'plan:',
    `  id: ${options.planId}`,
    `  org: ${options.org}`,
    '  title: Arbeidsplan med mange tiltak',
    '  period: { from: 2024, to: 2027 }',
    'bodies:',
    '  - { code: FS, name: Fylkesstyret }',
    '  - { code: LL, name: Lokallag }',
    'sections:',
  ];
  for (let first = 0; first < options.measures; first += perSection) {
    const number = first / perSection + 1;
    lines.push(`  - number: "${number}"`, `    title: Område ${number}`, '    measures:');
    for (let n = first + 1; n <= Math.min(first + perSection, options.measures); n++) {
      lines.push(
        `      - text: Tiltak nummer ${n} om verving og skolering i lokallagene`,
        '        responsible: [FS, LL]',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
