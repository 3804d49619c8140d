import { Compile, type Validator } from 'typebox/compile';
import type { Static, TSchema } from 'typebox';
import { GatewayError } from '../errors.js';
import { convertScalars } from './convert-scalars.js';
import type { Operation, OperationContext } from './operation.js';

const validators = new WeakMap<TSchema, Validator>();

function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

/** Checks `input` against the operation's schema; throws `invalid_input` naming the first bad field. */
export function validateInput<I extends TSchema>(operation: Operation<I>, input: unknown): Static<I> {
  const value = convertScalars(operation.input, input ?? {});
  const validator = validatorFor(operation.input);
  if (validator.Check(value)) return value as Static<I>;
  const [first] = validator.Errors(value);
  const { field, reason } = explain(first);
  throw new GatewayError('invalid_input', `Invalid input for ${operation.name}: ${field} ${reason}.`, { details: { field } });
}

interface ValidationFailure {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function explain(error: ValidationFailure | undefined): { field: string; reason: string } {
  if (!error) return { field: 'body', reason: 'is invalid' };
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'required') {
    const missing = (error.params['requiredProperties'] as string[] | undefined)?.[0] ?? 'a field';
    return { field: path ? `${path}.${missing}` : missing, reason: 'is required' };
  }
  if (error.schemaPath.endsWith('/additionalProperties')) return { field: path, reason: 'is not an accepted field' };
  return { field: path || 'body', reason: error.message };
}

/**
 * Validates, then runs the handler: the single entry point transports use. Always settles through
 * the returned promise (an invalid input rejects it). Not an `async` function: that would wrap the
 * handler's promise in one more, which costs three turns of the microtask queue on every request.
 */
export function runOperation<I extends TSchema, O extends TSchema>(
  operation: Operation<I, O>,
  context: OperationContext,
  input: unknown,
): Promise<Static<O>> {
  try {
    return Promise.resolve(operation.handler(context, validateInput(operation, input)));
  } catch (error) {
    return Promise.reject(error);
  }
}
