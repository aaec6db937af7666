import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';
import { BODY_CODE, BODY_CODE_RULE } from '@app/domain';
import { SLUG } from './create-plan.dto.js';
import { IsIsoDate } from '../../http/is-iso-date.js';

export class RetitleDto extends CommandIdDto {
  @ApiProperty({ example: 'Arbeids- og organisasjonsplan 2024-2027' })
  @IsString()
  @Length(1, 300)
  title!: string;
}

export class LinkPlanDto extends CommandIdDto {
  @ApiPropertyOptional({ example: 'oslo-sv-2020-2023', description: 'The plan this one succeeds' })
  @IsOptional()
  @Matches(SLUG, { message: 'predecessorPlanId must be a plan id such as oslo-sv-2020-2023' })
  @MaxLength(100)
  predecessorPlanId?: string;

  @ApiPropertyOptional({ example: 'sv-2022-2025', description: 'The plan this one follows up' })
  @IsOptional()
  @Matches(SLUG, { message: 'parentPlanId must be a plan id such as sv-2022-2025' })
  @MaxLength(100)
  parentPlanId?: string;
}

export class DeclareBodyDto extends CommandIdDto {
  @ApiProperty({ example: 'BSG' })
  @Matches(BODY_CODE, { message: `code must be ${BODY_CODE_RULE}` })
  code!: string;

  @ApiProperty({ example: 'Bystyregruppa' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    example: 'Programkomitéene',
    description:
      'A named responsible party the body stands for: every measure naming it gets the body instead (one reassignment each)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  forParty?: string;
}

export class AdoptPlanDto extends CommandIdDto {
  @ApiProperty({ example: 'ÅM', description: 'The body that adopted it (ÅM, RS, LS, LM...)' })
  @IsString()
  @Length(1, 50)
  body!: string;

  @ApiProperty({ example: '2026-03-14', description: 'Date of the decision' })
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional({ example: 'ÅM-sak 7/26' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  decisionRef?: string;

  @ApiPropertyOptional({ example: '2026', description: 'The annual edition this adoption makes' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  edition?: string;
}

export class SupersedePlanDto extends CommandIdDto {
  @ApiProperty({ example: 'oslo-sv-2024-2027' })
  @Matches(SLUG, { message: 'byPlanId must be a plan id such as oslo-sv-2024-2027' })
  byPlanId!: string;
}
