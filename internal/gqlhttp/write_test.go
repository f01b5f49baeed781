package gqlhttp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The response is written around the executor's data rather than marshalled whole; a client must
// read the same JSON either way.
func TestWriteGivesTheMarshalledResponse(t *testing.T) {
	more := true
	data := json.RawMessage(`{"professions":{"edges":[{"node":{"title":"Bäcker <Meister> & \"Konditor\""}}]}}`)
	for name, resp := range map[string]*graphql.Response{
		"data only": {Data: data},
		"data and errors": {Data: data, Errors: gqlerror.List{{Message: `no "data":null here`,
			Path: ast.Path{ast.PathName("professions")}, Extensions: map[string]any{"data": nil, "code": "NOT_FOUND"}}}},
		"data and extensions": {Data: data, Extensions: map[string]any{"cost": 12}},
		"everything":          {Data: data, Errors: gqlerror.List{{Message: "x"}}, Label: "l", Path: ast.Path{ast.PathIndex(1)}, HasNext: &more, Extensions: map[string]any{"cost": 1}},
		"errors only":         {Errors: gqlerror.List{{Message: "refused"}}},
		"null data":           {Data: json.RawMessage(`null`), Errors: gqlerror.List{{Message: "failed"}}},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			x := &exchange{w: rec, r: httptest.NewRequest(http.MethodPost, "/graphql", nil)}
			x.send("application/json", 200, true, encode(resp)...)
			var got, want any
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("the response is not JSON: %v\n%s", err, rec.Body.Bytes())
			}
			whole, err := json.Marshal(resp)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(whole, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("written:\n%s\nmarshalled whole:\n%s", rec.Body.Bytes(), whole)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// countingListener counts the writes to the connections it accepts.
type countingListener struct {
	net.Listener
	writes *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	return countingConn{c, l.writes}, err
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// An answer larger than the connection's buffer leaves in two writes to the socket, the most
// net/http allows: its buffer with the headers, then the rest with the response's tail, which does
// not wait for a write of its own.
func TestLargeAnswersLeaveInTwoWrites(t *testing.T) {
	var data bytes.Buffer // grown as the executor grows its buffer
	data.WriteString(`{"professions":[`)
	for i := range 300 {
		if i > 0 {
			data.WriteByte(',')
		}
		fmt.Fprintf(&data, `{"slug":"profession-%d","title":"Profession %d"}`, i, i)
	}
	data.WriteString(`]}`)
	resp := &graphql.Response{Data: data.Bytes(), Extensions: map[string]any{"cost": 7}}
	var writes atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := &exchange{w: w, r: r}
		x.send("application/json", 200, true, encode(resp)...)
	}))
	srv.Listener = countingListener{srv.Listener, &writes}
	srv.Start()
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Data       struct{ Professions []struct{ Slug string } }
		Extensions struct{ Cost int }
	}
	if err := json.Unmarshal(body, &got); err != nil || len(got.Data.Professions) != 300 || got.Extensions.Cost != 7 {
		t.Fatalf("answer of %d bytes: %d professions, cost %d (%v)", len(body), len(got.Data.Professions), got.Extensions.Cost, err)
	}
	if len(body) < 8<<10 {
		t.Fatalf("the answer is %d bytes, not larger than the connection's buffer", len(body))
	}
	if n := writes.Load(); n != 2 {
		t.Errorf("%d writes for an answer of %d bytes; want 2", n, len(body))
	}
}
