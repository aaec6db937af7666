import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PlanQueries } from '@app/runtime';
import { IsUUID } from 'class-validator';

class MeasureIdParam {
  @ApiProperty({ description: 'The measure (its id, in any plan)', format: 'uuid' })
  @IsUUID(undefined, { message: 'id must be a UUID' })
  id!: string;
}

@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(private readonly queries: PlanQueries) {}

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change to one measure, with actor, cause, recorded and effective dates' })
  @ApiResponse({ status: 404, description: 'No such measure' })
  async history(@Param() { id }: MeasureIdParam) {
    const rows = await this.queries.elementHistory(id);
    if (rows.length === 0) throw new NotFoundException(`Measure "${id}" not found`);
    return rows;
  }
}
