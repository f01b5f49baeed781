package schema

import (
	"entgo.io/ent"

	"careergraph/internal/batch"
)

// The rows of every query of these types are told to the request's loaders (internal/batch),
// so that a field that needs more than the row (jsonLd) loads it for all rows read together.

// Interceptors of the Profession.
func (Profession) Interceptors() []ent.Interceptor { return []ent.Interceptor{batch.Seen()} }

// Interceptors of the Training.
func (Training) Interceptors() []ent.Interceptor { return []ent.Interceptor{batch.Seen()} }
