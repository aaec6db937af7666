import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { SLUG } from '../plans/dto/create-plan.dto.js';
import { IsIsoDate } from '../http/is-iso-date.js';

const revision = (name: string) => [
  IsOptional(),
  Type(() => Number),
  IsInt({ message: `${name} must be a whole number (an adopted revision)` }),
  Min(1, { message: `${name} must be an adopted revision, 1 or more` }),
  Max(10_000),
];
const optionalDate = [IsOptional(), IsIsoDate()];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

export const DIFF_FORMATS = ['json', 'md'] as const;

export class PlanDiffQuery {
  @ApiPropertyOptional({ example: 1, description: 'The adopted revision to compare from' })
  @apply(revision('from'))
  from?: number;

  @ApiPropertyOptional({
    example: 3,
    description: 'The adopted revision to compare to; without to and toAsOf, the plan now',
  })
  @apply(revision('to'))
  to?: number;

  @ApiPropertyOptional({
    example: '2025-06-01',
    description: 'Compare from the plan as it stood on this date',
  })
  @apply(optionalDate)
  fromAsOf?: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Compare to the plan as it stood on this date' })
  @apply(optionalDate)
  toAsOf?: string;

  @ApiPropertyOptional({
    example: 'oslo-sv-2020-2023',
    description:
      'Compare the predecessor plan (as it is now) with this one: elements are matched by text similarity',
  })
  @IsOptional()
  @Matches(SLUG, { message: 'fromPlan must be a plan id such as oslo-sv-2020-2023' })
  @MaxLength(100)
  fromPlan?: string;

  @ApiPropertyOptional({ enum: DIFF_FORMATS, default: 'json', description: 'md: Markdown for board members' })
  @IsOptional()
  @IsIn(DIFF_FORMATS, { message: `format must be one of ${DIFF_FORMATS.join(', ')}` })
  format?: (typeof DIFF_FORMATS)[number];
}

export class FollowUpQuery {
  @ApiPropertyOptional({
    example: '2026-06-30',
    description: 'The plan as it stood on this date, overdue judged on it (default: the plan now, today)',
  })
  @apply(optionalDate)
  asOf?: string;
}

export const REPORT_FORMATS = ['html', 'md'] as const;

export class FollowUpReportQuery {
  @ApiProperty({ example: '2025-03-09', description: 'First day of the report period' })
  @IsIsoDate()
  from!: string;

  @ApiProperty({
    example: '2026-03-13',
    description: 'Last day of the report period; statuses are as of this day',
  })
  @IsIsoDate()
  to!: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'html' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: (typeof REPORT_FORMATS)[number];
}
