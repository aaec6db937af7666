export const hello = (): string => 'hei';
