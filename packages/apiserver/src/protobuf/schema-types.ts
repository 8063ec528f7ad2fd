// Shapes of the generated protobuf schema (schema.generated.ts).

/** Field flags, as the generator writes them. */
export const FieldFlag = {
  repeated: 1,
  /** The Go field is a pointer: an encoded zero value is a set value and stays in the JSON. */
  pointer: 2,
  /** Go's json omitempty: a non-pointer zero value is left out of the JSON. */
  omitempty: 4,
  /** json:",inline": the message's fields are merged into the parent object. */
  inline: 8,
} as const;

/**
 * [field number, JSON name ("" when inlined), type, flags]. The type is a scalar
 * ("string", "int32", "bytes", ...), a message name, or "map<key,value>".
 */
export type FieldSchema = readonly [number, string, string, number];

export type MessageSchema = readonly FieldSchema[];
