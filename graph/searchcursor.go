package graph

import (
	"strings"

	"entgo.io/contrib/entgql"
)

// Search hits are positioned by internal/search's own cursors. The API hands them out in the
// form of every other connection's cursors (the Cursor scalar, whose value is the search's
// cursor), so that the search's pageInfo is the PageInfo that Relay and @graphql-eslint's Relay
// rules expect, and an edge's cursor is the same string as the page's start or end cursor.

// searchCursor wraps the search position pos.
func searchCursor(pos string) *entgql.Cursor[int] {
	return &entgql.Cursor[int]{Value: pos}
}

// searchCursorString is the text of the search position pos as the API shows it.
func searchCursorString(pos string) string {
	var b strings.Builder
	searchCursor(pos).MarshalGQL(&b)
	return strings.Trim(b.String(), `"`)
}

// searchPosition returns the search position that the cursor s, given as `after` or `before`,
// names: the one it wraps, or s itself when it wraps none, for internal/search to judge (a
// search's cursor as handed out before they were wrapped, or no cursor at all).
func searchPosition(s string) string {
	var c entgql.Cursor[int]
	if err := c.UnmarshalGQL(s); err == nil {
		if pos, ok := c.Value.(string); ok && c.ID == 0 {
			return pos
		}
	}
	return s
}
