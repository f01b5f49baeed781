package schema

// ReadBy names, for the GraphQL fields of a type that its resolvers compute, the columns they
// read: Training.price reads price_cents and price_currency. Attach it to the type:
// ReadBy{"price": {"price_cents", "price_currency"}}.
//
// entgql's field collection selects only the columns a query asks for, but a field it cannot map
// to a column makes it read every column of the type, long texts included, since a resolver might
// need any of them. With ReadBy, asking for price selects the two price columns and nothing more
// (ent/template/read_by.tmpl). A computed field that ReadBy does not name still reads them all.
type ReadBy map[string][]string

// Name implements ent's schema.Annotation.
func (ReadBy) Name() string { return "ReadBy" }
