// Package gqldoc completes the documentation of the GraphQL schema that entgql generates.
//
// entgql turns an ent field's Comment into a description, but leaves most of what it derives
// (filter inputs, ordering enums, connection arguments, enum values) undocumented. The API promises
// a description on every type, field, argument and enum value, so this package supplies them: enum
// value texts come from the ent schema through the EnumValues annotation, everything derived is
// described by rule in Hook.
package gqldoc

// EnumValues documents the values of an ent enum field, keyed by the value as stored (and as
// exposed in GraphQL). Attach it to the field: field.Enum("status").Annotations(gqldoc.EnumValues{…}).
type EnumValues map[string]string

// Name implements ent's schema.Annotation.
func (EnumValues) Name() string { return "GQLDocEnumValues" }
