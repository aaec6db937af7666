/** OpenAPI schema of terminus's health check result, with what our own routes add. */
export function healthCheckSchema(extra: Record<string, object> = {}): object {
  const indicators = {
    type: 'object',
    description: 'Per indicator: `status` (up, degraded, down) and what it reports',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } },
      additionalProperties: true,
    },
  };
  return {
    type: 'object',
    required: ['status', 'details'],
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded', 'error', 'shutting_down'] },
      info: { ...indicators, description: 'The indicators that are up or degraded' },
      error: { ...indicators, description: 'The indicators that are down' },
      details: { ...indicators, description: 'Every indicator' },
      ...extra,
    },
  };
}
