package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Long texts are searched, not filtered: keeping them out of the `where` inputs means every
// filter we offer can be served by an index.
var longText = entgql.Skip(entgql.SkipWhereInput)

// text is a long Markdown or plain-text body, empty when not written yet.
func text(name, comment string) ent.Field {
	return field.Text(name).Default("").Comment(comment).Annotations(longText)
}

// name is a short required display name that lists can be ordered by.
func name(fieldName, orderName, comment string) ent.Field {
	return field.String(fieldName).NotEmpty().MaxLen(200).Comment(comment).Annotations(entgql.OrderField(orderName))
}

// optionalString is a short optional attribute, null when unknown. It is shown, not filtered on.
func optionalString(name string, maxLen int, comment string) ent.Field {
	return field.String(name).Optional().Nillable().MaxLen(maxLen).Comment(comment).Annotations(notFiltered)
}

// notFiltered keeps a field out of the `where` inputs: nobody looks things up by it, so it
// needs no index.
var notFiltered = entgql.Skip(entgql.SkipWhereInput)

// inverseEdge keeps an edge out of the generated create and update inputs: links are written
// from one side only (a session names its training; a training does not list its sessions).
var inverseEdge = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

// notInInput keeps a field out of the generated create and update inputs: the server maintains it.
var notInInput = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
