package gqlhttp

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
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
