/**
 * One parser per kind of environment value. Each returns the typed value or throws a
 * `VariableProblem` whose message completes the sentence "WHATSAPP_X ...".
 */
export class VariableProblem extends Error {}

export function parseInteger(raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new VariableProblem(`must be a whole number between ${min} and ${max}, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new VariableProblem(`must be between ${min} and ${max}, got ${value}`);
  return value;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new VariableProblem(`must be true or false, got "${raw}"`);
}

export function parseChoice<T extends string>(raw: string, choices: readonly T[]): T {
  const value = raw.trim().toLowerCase();
  const match = choices.find((choice) => choice === value);
  if (!match) throw new VariableProblem(`must be one of ${choices.join(', ')}, got "${raw}"`);
  return match;
}

export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Command-line flags: a JSON array of strings (for flags with spaces), or whitespace-separated. */
export function parseArgs(raw: string): string[] {
  const text = raw.trim();
  if (!text.startsWith('[')) return text.split(/\s+/).filter(Boolean);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VariableProblem('must be a JSON array of strings or space-separated flags, and this JSON does not parse');
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new VariableProblem('must be a JSON array of strings');
  }
  return parsed;
}
