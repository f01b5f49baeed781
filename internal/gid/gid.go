// Package gid is the codec of careergraph's GraphQL IDs.
//
// Every stored object has an integer key that is unique across all types: ent gives each type its
// own block of 2^32 keys (the sql/globalid feature), so the key alone tells the type. Clients see
// an opaque string, the URL-safe base64 of "<Type>:<key>", which stays valid as long as the row
// exists, restarts and re-deployments included. Decoding checks that the key lies in the named
// type's block, so a mangled or forged ID is rejected instead of pointing at another object.
package gid

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"careergraph/ent"
)

// blockSize is the number of keys owned by each type.
const blockSize = 1 << 32

// ErrInvalid is returned for any string that is not an ID this server issued.
var ErrInvalid = errors.New("not a valid ID")

// Encode returns the public ID of the object with the given key.
func Encode(key int) string {
	typ, ok := typeOf(key)
	if !ok {
		// Every key ent hands out lies in a registered block; this is a programming error,
		// but an ID that still round-trips is better than a broken response.
		typ = "Object"
	}
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.Itoa(key)))
}

// Decode returns the key behind a public ID and the name of its type.
func Decode(id string) (key int, typ string, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		return 0, "", ErrInvalid
	}
	typ, num, ok := strings.Cut(string(raw), ":")
	if !ok {
		return 0, "", ErrInvalid
	}
	key, err = strconv.Atoi(num)
	if err != nil {
		return 0, "", ErrInvalid
	}
	if owner, ok := typeOf(key); !ok || owner != typ {
		return 0, "", ErrInvalid
	}
	return key, typ, nil
}

// DecodeAs is Decode for places that accept one type only: an ID of another type is an error
// that names both types.
func DecodeAs(id, want string) (int, error) {
	key, typ, err := Decode(id)
	if err != nil {
		return 0, err
	}
	if typ != want {
		return 0, fmt.Errorf("expected the ID of a %s, got the ID of a %s", want, typ)
	}
	return key, nil
}

// typeOf returns the type whose block holds key.
func typeOf(key int) (string, bool) {
	for _, r := range ent.GlobalIDRanges {
		if key >= r.Start && key < r.Start+blockSize {
			return r.Type, true
		}
	}
	return "", false
}

// MarshalID writes a key as a GraphQL ID; gqlgen calls it for every ID field.
func MarshalID(key int) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(Encode(key)))
	})
}

// UnmarshalID reads a GraphQL ID argument or variable into a key.
func UnmarshalID(v any) (int, error) {
	s, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("%w: an ID is a string", ErrInvalid)
	}
	key, _, err := Decode(s)
	return key, err
}
