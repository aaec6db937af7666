import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CommandIdDto } from './command-id.dto.js';

export class AddSectionDto extends CommandIdDto {
  @ApiProperty({ example: '4.1', description: 'Section number as printed in the plan' })
  @Matches(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, { message: 'number must look like 4, 4.1 or 4.1.2' })
  @Length(1, 20)
  number!: string;

  @ApiProperty({ example: 'Direkte velgerkontakt' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The section this one is nested in' })
  @IsOptional()
  @IsUUID()
  parentSectionId?: string;
}
