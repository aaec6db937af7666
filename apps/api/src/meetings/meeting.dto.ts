import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AMENDMENT_OPS,
  MEASURE_LABEL,
  MEASURE_LABEL_RULE,
  MEETING_BODIES,
  PLAN_VOTE_RESULTS,
  RECOMMENDATIONS,
  VOTE_RESULTS,
} from '@app/domain';
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

  @ApiPropertyOptional({
    example: '2026-03-01T12:00',
    description:
      'Innsendingsfrist: until when members file amendments; a date (the end of that day in Oslo), an Oslo time, or an instant with its offset',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  deadline?: string;

  @ApiPropertyOptional({
    example: 'simple',
    description:
      'What it takes to adopt: simple (a majority of the votes cast, the default) or two_thirds; or in Norwegian',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  majority?: string;
}

export class DeadlineDto extends EnvelopeDto {
  @ApiProperty({
    example: '2026-03-01T12:00',
    nullable: true,
    type: String,
    description: 'The new deadline (a date, an Oslo time or an instant), or null for none',
  })
  @ValidateIf((dto: DeadlineDto) => dto.deadline !== null)
  @IsString({ message: 'deadline must be a date, a time or null' })
  @Length(1, 40)
  deadline!: string | null;
}

export class MajorityDto extends EnvelopeDto {
  @ApiProperty({
    example: 'two_thirds',
    description: 'simple or two_thirds (simpelt / to tredjedels flertall)',
  })
  @IsString()
  @Length(1, 40)
  rule!: string;
}

export class ContestDto extends EnvelopeDto {
  @ApiPropertyOptional({
    default: true,
    description:
      'true: the recommendation is contested and the amendment gets a vote of its own; false: no longer',
  })
  @IsOptional()
  @IsBoolean()
  contested?: boolean;
}

export class VotingOrderDto extends EnvelopeDto {
  @ApiProperty({
    example: [3, 1, 2],
    description: 'Pending amendments in the order they are put to the vote',
  })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsInt({ each: true, message: 'order must be amendment numbers' })
  @Min(1, { each: true })
  order!: number[];
}

export const FLOOR_KINDS = ['amendment', 'recommendations', 'plan', 'none'] as const;

export class FloorDto extends EnvelopeDto {
  @ApiProperty({
    enum: FLOOR_KINDS,
    description:
      'What the meeting treats now: an amendment, the recommendations en bloc, the plan as a whole, or nothing',
  })
  @IsIn(FLOOR_KINDS, { message: `kind must be one of ${FLOOR_KINDS.join(', ')}` })
  kind!: (typeof FLOOR_KINDS)[number];

  @ApiPropertyOptional({ example: 4, description: 'kind amendment: its number' })
  @ValidateIf((dto: FloorDto) => dto.kind === 'amendment')
  @IsInt({ message: 'no must be the number of an amendment' })
  @Min(1)
  no?: number;
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
  @Matches(MEASURE_LABEL, { message: `label must be ${MEASURE_LABEL_RULE}` })
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

  @ApiPropertyOptional({
    description:
      'The meeting officer only: whether it is put forward in the meeting ("fremmet i møtet"); by default when filed after the deadline',
  })
  @IsOptional()
  @IsBoolean()
  inMeeting?: boolean;
}

export class WithdrawAmendmentDto extends EnvelopeDto {
  @ApiPropertyOptional({ example: 'Trukket av forslagsstiller' })
  @IsOptional()
  @Length(1, 1000)
  reason?: string;
}

export class RecommendationDto extends EnvelopeDto {
  @ApiProperty({
    example: 'adopt',
    description: `${RECOMMENDATIONS.join(', ')}; or vedta, avvise, vedta med endring, oversendes styret`,
  })
  @IsString()
  @Length(1, 40)
  recommendation!: string;

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
  @ApiProperty({
    example: 'adopted',
    description: `${VOTE_RESULTS.join(', ')}; or vedtatt, falt, trukket, bortfalt, oversendt`,
  })
  @IsString()
  @Length(1, 40)
  result!: string;

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
  @ApiProperty({ example: 'adopted', description: `${PLAN_VOTE_RESULTS.join(', ')}; or vedtatt, falt` })
  @IsString()
  @Length(1, 40)
  result!: string;
}

export class AcceptRecommendationsDto extends CountsDto {
  @ApiPropertyOptional({
    example: [1, 4, 5],
    description:
      'The amendments whose recommendations are accepted; every pending one with an uncontested recommendation by default',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsInt({ each: true, message: 'nos must be amendment numbers' })
  @Min(1, { each: true })
  nos?: number[];
}
