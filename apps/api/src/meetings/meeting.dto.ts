import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AMENDMENT_OPS, MEETING_BODIES, PLAN_VOTE_RESULTS, RECOMMENDATIONS, VOTE_RESULTS } from '@app/domain';
import { SLUG } from '../plans/dto/create-plan.dto.js';
import { IsIsoDate } from '../http/is-iso-date.js';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class MeetingIdParam {
  @ApiProperty({ description: 'The meeting (a slug)', example: 'oslo-sv-am-2026', maxLength: 100 })
  @Matches(SLUG, { message: 'meeting id must be a lower-case slug such as oslo-sv-am-2026' })
  @MaxLength(100)
  id!: string;
}

export class AmendmentParams extends MeetingIdParam {
  @ApiProperty({
    description: "The amendment's number in the meeting",
    type: 'integer',
    minimum: 1,
    example: 1,
  })
  @Type(() => Number)
  @IsInt({ message: 'no must be a whole number' })
  @Min(1)
  no!: number;
}

export class MeetingListQuery {
  @ApiPropertyOptional({ example: 'oslo-sv-2024-2027' })
  @IsOptional()
  @Matches(SLUG, { message: 'planId must be a plan id such as oslo-sv-2024-2027' })
  planId?: string;
}

export class ReplayQuery {
  @ApiPropertyOptional({ description: 'Show the resulting plan and each outcome without appending anything' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: ['json', 'md'], description: 'md: the resulting plan as Markdown' })
  @IsOptional()
  @IsIn(['json', 'md'], { message: 'format must be json or md' })
  format?: 'json' | 'md';
}

export class ProtocolQuery {
  @ApiPropertyOptional({ enum: ['yaml', 'json'], description: 'The protocol format of DESIGN.md' })
  @IsOptional()
  @IsIn(['yaml', 'json'], { message: 'format must be yaml or json' })
  format?: 'yaml' | 'json';
}

export class PapersQuery {
  @ApiPropertyOptional({
    enum: ['json', 'md'],
    description:
      'json: the papers model (every line with its number, kind, text and element); md: numbered text',
  })
  @IsOptional()
  @IsIn(['json', 'md'], { message: 'format must be json or md' })
  format?: 'json' | 'md';
}

export class PreviewQuery {
  @ApiProperty({ example: '1,4,7', description: 'The pending amendments to adopt, by number' })
  @Matches(/^\d+(,\d+)*$/, { message: 'adopt must be amendment numbers separated by commas, e.g. 1,4,7' })
  adopt!: string;

  @ApiPropertyOptional({ enum: ['json', 'md'], description: 'md: the plan as Markdown' })
  @IsOptional()
  @IsIn(['json', 'md'], { message: 'format must be json or md' })
  format?: 'json' | 'md';
}

class EnvelopeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Idempotency key; re-sending it appends nothing' })
  @IsOptional()
  @IsUUID()
  commandId?: string;
}

export class ScheduleMeetingDto extends EnvelopeDto {
  @ApiProperty({ example: 'oslo-sv-am-2026' })
  @Matches(SLUG, { message: 'id must be a lower-case slug such as oslo-sv-am-2026' })
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'oslo-sv' })
  @Matches(SLUG, { message: 'organisationId must be a lower-case slug' })
  organisationId!: string;

  @ApiProperty({ enum: MEETING_BODIES, example: 'ÅM' })
  @IsString()
  @Length(1, 20)
  body!: string;

  @ApiProperty({ example: '2026-03-14' })
  @IsIsoDate()
  date!: string;

  @ApiProperty({ example: 'oslo-sv-2024-2027' })
  @Matches(SLUG, { message: 'planId must be a plan id' })
  planId!: string;

  @ApiPropertyOptional({
    description: "The plan stream's revision the meeting treats; the plan now by default",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  planRevision?: number;

  @ApiPropertyOptional({ example: 'Årsmøtet 2026' })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: '2026', description: 'The edition the plan gets when adopted' })
  @IsOptional()
  @Length(1, 20)
  edition?: string;
}

export class AmendmentTargetDto {
  @ApiPropertyOptional({ example: '4.2.J' })
  @IsOptional()
  @Length(1, 100)
  measure?: string;

  @ApiPropertyOptional({ example: '3.1.g2' })
  @IsOptional()
  @Length(1, 100)
  goal?: string;

  @ApiPropertyOptional({ example: '4.1' })
  @IsOptional()
  @Length(1, 100)
  section?: string;

  @ApiPropertyOptional({ example: '50-53', description: '"50-53", "50 tom 53", "38/39"' })
  @IsOptional()
  @Length(1, 50)
  lines?: string;

  @ApiPropertyOptional({ example: 34 })
  @IsOptional()
  @IsInt()
  @Min(1)
  line?: number;

  @ApiPropertyOptional({ description: 'With line: a new line inserted there' })
  @IsOptional()
  @IsBoolean()
  new?: boolean;
}

export class NewMeasureDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  text!: string;

  @ApiPropertyOptional({ example: 'Høst 2026' })
  @IsOptional()
  @Length(0, 200)
  timing?: string;

  @ApiPropertyOptional({ example: ['FS', 'LL'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  responsible?: string[];

  @ApiPropertyOptional({ example: 'M' })
  @IsOptional()
  @Matches(/^[A-ZÆØÅ]{1,3}$/, { message: 'label must be 1-3 capital letters' })
  label?: string;
}

export class NewGoalDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class NewSectionDto {
  @ApiProperty({ example: '4.5' })
  @IsString()
  @Length(1, 20)
  number!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 10_000)
  intro?: string;
}

/** What an amendment changes; which fields count depends on its operation. */
export class ChangeFieldsDto extends EnvelopeDto {
  @ApiPropertyOptional({ example: 'to ganger i året' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  from?: string;

  @ApiPropertyOptional({ example: 'fire ganger i året' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  to?: string;

  @ApiPropertyOptional({ example: 'skal' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  after?: string;

  @ApiPropertyOptional({ example: 'særlig' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  text?: string;

  @ApiPropertyOptional({ type: NewMeasureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewMeasureDto)
  measure?: NewMeasureDto;

  @ApiPropertyOptional({ type: NewGoalDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewGoalDto)
  goal?: NewGoalDto;

  @ApiPropertyOptional({ type: NewSectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewSectionDto)
  section?: NewSectionDto;

  @ApiPropertyOptional({ example: 'Høst 2026' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  timing?: string;

  @ApiPropertyOptional({ example: ['FS'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  responsible?: string[];

  @ApiPropertyOptional({ example: 'Gjennomført' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class FileAmendmentDto extends ChangeFieldsDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  no!: number;

  @ApiPropertyOptional({ example: 'Sagene SV' })
  @IsOptional()
  @Length(1, 200)
  proposer?: string;

  @ApiPropertyOptional({ type: AmendmentTargetDto, description: 'Left out only for add_section' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmendmentTargetDto)
  target?: AmendmentTargetDto;

  @ApiProperty({
    example: 'replace_text',
    description: `${AMENDMENT_OPS.join(', ')}; or Tillegg, Endring, Stryking`,
  })
  @IsString()
  @Length(1, 40)
  op!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 10_000)
  justification?: string;
}

export class WithdrawAmendmentDto extends EnvelopeDto {
  @ApiPropertyOptional({ example: 'Trukket av forslagsstiller' })
  @IsOptional()
  @Length(1, 1000)
  reason?: string;
}

export class RecommendationDto extends EnvelopeDto {
  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of ${RECOMMENDATIONS.join(', ')}` })
  recommendation!: (typeof RECOMMENDATIONS)[number];

  @ApiPropertyOptional({
    type: ChangeFieldsDto,
    description: 'adopt_modified: the fields as the committee rewrote them',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChangeFieldsDto)
  modified?: ChangeFieldsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

class CountsDto extends EnvelopeDto {
  @ApiPropertyOptional({ example: 87 })
  @IsOptional()
  @IsInt()
  @Min(0)
  for?: number;

  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(0)
  against?: number;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  abstain?: number;
}

export class VoteDto extends CountsDto {
  @ApiProperty({ enum: VOTE_RESULTS })
  @IsIn(VOTE_RESULTS, { message: `result must be one of ${VOTE_RESULTS.join(', ')}` })
  result!: (typeof VOTE_RESULTS)[number];

  @ApiPropertyOptional({ description: 'Why it lapsed, or a note' })
  @IsOptional()
  @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional({ description: "Whether the committee's modified text was adopted" })
  @IsOptional()
  @IsBoolean()
  modified?: boolean;
}

export class PlanVoteDto extends CountsDto {
  @ApiProperty({ enum: PLAN_VOTE_RESULTS })
  @IsIn(PLAN_VOTE_RESULTS, { message: `result must be one of ${PLAN_VOTE_RESULTS.join(', ')}` })
  result!: (typeof PLAN_VOTE_RESULTS)[number];
}
