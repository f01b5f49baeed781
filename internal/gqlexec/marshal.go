package gqlexec

import (
	"bytes"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// Marshal returns a buffer holding what m writes, for the data of a response. It writes into a
// buffer kept from earlier responses and returns a copy of exactly the written size: a fresh
// buffer would grow by doubling from a few bytes, allocating and clearing about twice the
// response (a page of 50 professions with their skills is some 100 kB), and every response
// would do it again. The result is the caller's own; nothing else keeps it.
func Marshal(m graphql.Marshaler) *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	m.MarshalGQL(b)
	out := bytes.NewBuffer(bytes.Clone(b.Bytes()))
	if b.Cap() <= maxKept {
		buffers.Put(b)
	}
	return out
}

// maxKept is the largest buffer kept for the next response: one exceptional response must not
// hold its memory for good.
const maxKept = 1 << 20

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
