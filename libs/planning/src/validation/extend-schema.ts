/*
 * Version 2 of a schema written as what it changes in version 1 (plan-schema.v2.ts,
 * snapshot-schema.v2.ts): an object schema with some of its properties added or replaced. A key
 * that version 1 has keeps its place, a new one comes last, so the schema written out
 * (schemas/*.v2.schema.json) and its compiled validator keep version 1's order.
 */
type Replaced<T, P> = Omit<T, keyof P> & P;

/** `schema` with `properties` added to its properties, or in place of those of the same name. */
export function withProperties<S extends { properties: object }, P extends object>(schema: S, properties: P): Replaced<S, { properties: Replaced<S['properties'], P> }> {
  return { ...schema, properties: { ...schema.properties, ...properties } } as Replaced<S, { properties: Replaced<S['properties'], P> }>;
}

/** An array schema whose items (an object schema) have `properties` added or replaced. */
export function withItemProperties<S extends { items: { properties: object } }, P extends object>(schema: S, properties: P): Replaced<S, { items: Replaced<S['items'], { properties: Replaced<S['items']['properties'], P> }> }> {
  return { ...schema, items: withProperties(schema.items, properties) } as Replaced<S, { items: Replaced<S['items'], { properties: Replaced<S['items']['properties'], P> }> }>;
}
