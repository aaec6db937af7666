/** How big a synthetic party is: a factor on the default 20 county and 400 local branches. */
export interface WorkloadScale {
  readonly name: string;
  readonly factor: number;
  readonly counties: number;
  readonly locals: number;
}

/** Named scales; `default` is about 2 million events, `small` a few tens of thousands. */
export const NAMED_SCALES: Readonly<Record<string, number>> = {
  tiny: 0.0025,
  small: 0.03,
  medium: 0.25,
  default: 1,
  large: 2,
};

/** `small`, `medium`, `default`, `large`, `tiny`, or a positive factor such as `0.1`. */
export function parseScale(text: string | undefined): WorkloadScale {
  const name = (text ?? 'default').trim();
  const named = NAMED_SCALES[name];
  const factor = named ?? Number(name);
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new Error(
      `--scale must be one of ${Object.keys(NAMED_SCALES).join(', ')} or a positive number, got "${name}"`,
    );
  }
  return {
    name: named !== undefined ? name : String(factor),
    factor,
    counties: Math.max(1, Math.round(20 * factor)),
    locals: Math.max(1, Math.round(400 * factor)),
  };
}
