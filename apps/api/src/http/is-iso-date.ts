import { isIsoDate, notAnIsoDate } from '@app/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A DTO field (body or query) that is a date: the domain's one rule (isIsoDate: a real calendar
 * day from 1900-01-01 to 2200-12-31), with the domain's one message, so `?asOf=2026-13-45` and
 * `effectiveAt: "0000-01-01"` are the same clear 400 on every route.
 */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: (args) => notAnIsoDate(args?.property ?? 'date', args?.value),
      },
    },
    options,
  );
}
