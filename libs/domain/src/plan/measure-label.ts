/**
 * A measure's label within its section, as plans letter them: one to three capital letters
 * (A, B, ... Z, Æ, Ø, Å, then AA, AB, ...). The api's measure commands and the plan documents the
 * importers write hold labels to this one rule.
 */
export const MEASURE_LABEL = /^[A-ZÆØÅ]{1,3}$/;

/** The label rule in words, for messages that refuse a label. */
export const MEASURE_LABEL_RULE = '1-3 capital letters such as A or AB';

export const isMeasureLabel = (label: string): boolean => MEASURE_LABEL.test(label);
