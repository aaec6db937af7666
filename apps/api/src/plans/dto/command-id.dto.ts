import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../http/is-iso-date.js';

export const CAUSE_KINDS = ['meeting', 'board_decision', 'follow_up', 'import', 'command'] as const;

/** Why a change was made: a meeting and amendment, a board decision, a follow-up report. */
export class CauseDto {
  @ApiProperty({ enum: CAUSE_KINDS, example: 'board_decision' })
  @IsIn(CAUSE_KINDS, { message: `cause.kind must be one of ${CAUSE_KINDS.join(', ')}` })
  kind!: (typeof CAUSE_KINDS)[number];

  @ApiPropertyOptional({ example: 'FS-sak 23/26' })
  @IsOptional()
  @Length(1, 200)
  reference?: string;

  @ApiPropertyOptional({ example: 'oslo-sv-am-2026' })
  @IsOptional()
  @Length(1, 100)
  meetingId?: string;

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  amendmentNo?: number;
}

/** What every command body may carry besides its data. */
export class CommandIdDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Idempotency key (also accepted as the Idempotency-Key header). Re-sending it appends nothing.',
  })
  @IsOptional()
  @IsUUID()
  commandId?: string;

  @ApiPropertyOptional({
    example: '2026-03-14',
    description:
      'The date the change took effect (defaults to today): a plan adopted in 2020 and entered now took effect in 2020',
  })
  @IsOptional()
  @IsIsoDate()
  effectiveAt?: string;

  @ApiPropertyOptional({ type: CauseDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CauseDto)
  cause?: CauseDto;
}
