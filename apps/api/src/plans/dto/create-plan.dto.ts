import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BODY_CODE, BODY_CODE_RULE } from '@app/domain';
import { CommandIdDto } from './command-id.dto.js';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class PeriodDto {
  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(1900)
  @Max(2200)
  from!: number;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(1900)
  @Max(2200)
  to!: number;
}

export class BodyDto {
  @ApiProperty({ example: 'FS', description: 'Short code used in "Ansvar"' })
  @Matches(BODY_CODE, { message: `code must be ${BODY_CODE_RULE}` })
  code!: string;

  @ApiProperty({ example: 'Fylkesstyret' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class CreatePlanDto extends CommandIdDto {
  @ApiProperty({ example: 'oslo-sv-2024-2027', description: 'Lower-case slug, chosen by the caller' })
  @Matches(SLUG, { message: 'id must be a lower-case slug such as oslo-sv-2024-2027' })
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'oslo-sv' })
  @Matches(SLUG, { message: 'organisationId must be a lower-case slug such as oslo-sv' })
  @MaxLength(100)
  organisationId!: string;

  @ApiProperty({ example: 'Oslo SVs arbeids- og organisasjonsplan 2024-2027' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ type: PeriodDto })
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;

  @ApiPropertyOptional({ example: '2026', description: 'Annual edition ("årsutgave")' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  edition?: string;

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

  @ApiPropertyOptional({ type: [BodyDto], description: 'Bodies a measure may name as responsible' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BodyDto)
  bodies?: BodyDto[];
}
