/**
 * A JSON Schema (draft-07) validator for the keywords Bencher's bmf.json uses — `type`, `properties`,
 * `patternProperties`, `required` — with their draft-07 meaning (json-schema-validation §6.1.1, §6.5.3;
 * json-schema-core §9.3.2.1–2). The project has no JSON Schema validator among its dependencies (ajv is only
 * eslint's, transitively). Any other keyword makes it throw, so a schema that grows beyond this subset fails
 * the test instead of being checked in part.
 */

export type JsonSchema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$id', '$schema', 'title', 'description']);
const ASSERTIONS = new Set(['type', 'properties', 'patternProperties', 'required']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`unsupported type ${JSON.stringify(type)}`);
  }
}

function asSchemaMap(value: unknown, keyword: string): Record<string, JsonSchema> {
  if (!isObject(value)) throw new Error(`${keyword} must be an object of schemas`);
  return value as Record<string, JsonSchema>;
}

function validateMembers(schema: JsonSchema, value: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const properties = schema.properties === undefined ? {} : asSchemaMap(schema.properties, 'properties');
  const patterns =
    schema.patternProperties === undefined ? {} : asSchemaMap(schema.patternProperties, 'patternProperties');
  for (const [key, member] of Object.entries(value)) {
    const at = `${path}[${JSON.stringify(key)}]`;
    if (Object.hasOwn(properties, key)) errors.push(...validateJsonSchema(properties[key] ?? {}, member, at));
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (new RegExp(pattern, 'u').test(key)) errors.push(...validateJsonSchema(sub, member, at));
    }
  }
  const required = schema.required ?? [];
  if (!Array.isArray(required)) throw new Error('required must be an array');
  for (const name of required)
    if (!Object.hasOwn(value, String(name))) errors.push(`${path}: missing "${name}"`);
  return errors;
}

/** The problems of `value` against `schema` (empty when valid), each with its JSON path. */
export function validateJsonSchema(schema: JsonSchema, value: unknown, path = '$'): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !ASSERTIONS.has(keyword)) {
      throw new Error(`keyword ${keyword} at ${path} is outside the supported subset`);
    }
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    return [`${path}: expected ${String(schema.type)}, received ${JSON.stringify(value)}`];
  }
  return isObject(value) ? validateMembers(schema, value, path) : [];
}
