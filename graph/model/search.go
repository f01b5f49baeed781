package model

import "careergraph/internal/search"

// SearchEdge is one hit of a search. It names the object found; the node field loads the
// objects of all hits of a page at once, with what the query selects on them.
type SearchEdge struct {
	// Type and ID name the object found.
	Type search.Type
	ID   int
	// Snippet, Score and Cursor are the hit's, as the API shows them.
	Snippet string
	Score   float64
	Cursor  string
}
