import type { TSchema } from 'typebox';

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Converts top-level scalars the way clients send them, losslessly: a number where the schema
 * wants a string (phone numbers typed as numbers by tools such as the MCP Inspector), and a numeric
 * string where it wants a number (query strings are text). Anything else is left for validation to
 * reject; nothing is truncated or guessed.
 */
export function convertScalars(schema: TSchema, input: unknown): unknown {
  const properties = (schema as { properties?: Record<string, { type?: string }> }).properties;
  if (!properties || input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  let converted: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(input)) {
    const type = properties[key]?.type;
    let next = value;
    if (type === 'string' && typeof value === 'number' && Number.isFinite(value)) next = String(value);
    else if ((type === 'integer' || type === 'number') && typeof value === 'string' && NUMERIC.test(value.trim())) next = Number(value);
    if (next !== value) {
      converted ??= { ...(input as Record<string, unknown>) };
      converted[key] = next;
    }
  }
  return converted ?? input;
}
