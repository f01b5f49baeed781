package ratelimit

import "careergraph/internal/access"

// Budgets are the rate limits of the kinds of caller.
type Budgets struct {
	// Anonymous is each client address's budget; Staff each staff member's; Key each API key's
	// unless the key carries its own number of points.
	Anonymous, Staff, Key Limit
}

// EntryFee is what every request pays on arrival, whatever becomes of it; the rest of its cost
// is spent once the operation is known.
const EntryFee = 1

// For returns the budget key and limit of viewer v calling from remoteIP (an unknown client, the
// empty string, spends from the budget shared by all unknown ones).
func (b Budgets) For(v access.Viewer, remoteIP string) (string, Limit) {
	key := KeyFor(v, remoteIP)
	switch v.Kind {
	case access.APIKey:
		l := b.Key
		if v.RateLimit > 0 {
			l.Points = v.RateLimit
		}
		return key, l
	case access.User:
		return key, b.Staff
	}
	return key, b.Anonymous
}
