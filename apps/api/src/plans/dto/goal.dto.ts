import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';
import { IsIsoDate } from '../../http/is-iso-date.js';

export class GoalTargetValueDto {
  @ApiProperty({ example: 'members' })
  @IsString()
  @Length(1, 100)
  metric!: string;

  @ApiProperty({ example: 4000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiPropertyOptional({ example: '2023-12-31' })
  @IsOptional()
  @IsIsoDate()
  by?: string;
}

export class AddGoalDto extends CommandIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sectionId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For a sub-goal ("Delmål")' })
  @IsOptional()
  @IsUUID()
  parentGoalId?: string;

  @ApiProperty({ example: 'Oslo SV skal ha 4000 medlemmer i 2023' })
  @IsString()
  @Length(1, 5000)
  text!: string;

  @ApiPropertyOptional({ type: GoalTargetValueDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoalTargetValueDto)
  target?: GoalTargetValueDto;
}

export class GoalTargetDto extends CommandIdDto {
  @ApiProperty({ type: GoalTargetValueDto })
  @ValidateNested()
  @Type(() => GoalTargetValueDto)
  target!: GoalTargetValueDto;
}

export class TextDto extends CommandIdDto {
  @ApiProperty({ example: 'Nytt tekstforslag' })
  @IsString()
  @Length(1, 5000)
  text!: string;
}

export class ReasonDto extends CommandIdDto {
  @ApiProperty({ example: 'Gjennomført' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class MeasurementDto extends CommandIdDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The goal the indicator belongs to; none for a plan-wide figure',
  })
  @IsOptional()
  @IsUUID()
  goalId?: string;

  @ApiProperty({ example: 'members' })
  @IsString()
  @Length(1, 100)
  metric!: string;

  @ApiProperty({ example: 3394 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ example: '2025-12-31', description: 'The date the value was true at' })
  @IsIsoDate()
  at!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
