// Package gqltest speaks GraphQL over HTTP to a running careergraph server, for tests.
package gqltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// Client posts GraphQL requests to one endpoint.
type Client struct {
	// URL is the GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql.
	URL string
	// Header is sent with every request (credentials, for instance).
	Header http.Header
}

// With returns a copy of c that also sends header name: value.
func (c Client) With(name, value string) Client {
	h := c.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set(name, value)
	c.Header = h
	return c
}

// Error is one entry of a response's errors.
type Error struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns the error's extensions.code.
func (e Error) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Response is a decoded GraphQL response.
type Response struct {
	Status int
	Header http.Header
	// Size is the length of the response body in bytes.
	Size       int
	Data       json.RawMessage `json:"data"`
	Errors     []Error         `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// request is the POST request of query with vars, accepting accept, with the client's headers.
func (c Client) request(query string, vars map[string]any, accept string) (*http.Request, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", accept)
	for k, v := range c.Header {
		req.Header[k] = v
	}
	return req, nil
}

// post is request for the test's goroutine, failing the test when the request cannot be made.
func (c Client) post(t testing.TB, query string, vars map[string]any, accept string) *http.Request {
	t.Helper()
	req, err := c.request(query, vars, accept)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// Do posts query with vars and decodes the response, whatever its status. It fails the test when
// the request cannot be sent or the response is not JSON, so it must run on the test's goroutine;
// other goroutines use Send.
func (c Client) Do(t testing.TB, query string, vars map[string]any) Response {
	t.Helper()
	r, err := c.Send(query, vars)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Send posts query with vars and decodes the response, whatever its status: Do for goroutines
// other than the test's, which may not stop the test, so it returns what went wrong instead.
func (c Client) Send(query string, vars map[string]any) (Response, error) {
	req, err := c.request(query, vars, "application/graphql-response+json, application/json")
	if err != nil {
		return Response{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("posting to %s: %w", c.URL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, fmt.Errorf("reading the response from %s: %w", c.URL, err)
	}
	out := Response{Status: resp.StatusCode, Header: resp.Header, Size: len(raw)}
	if err := json.Unmarshal(raw, &out); err != nil {
		return Response{}, fmt.Errorf("response is not JSON (status %d): %s", resp.StatusCode, raw)
	}
	return out, nil
}

// Query runs query and decodes its data into out, failing the test on any error.
func (c Client) Query(t testing.TB, query string, vars map[string]any, out any) {
	t.Helper()
	r := c.Do(t, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("query failed: %+v\nquery: %s", r.Errors, query)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("decoding data %s: %v", r.Data, err)
	}
}

// Fails runs query, which must fail, and returns its first error.
func (c Client) Fails(t testing.TB, query string, vars map[string]any) Error {
	t.Helper()
	r := c.Do(t, query, vars)
	if len(r.Errors) == 0 {
		t.Fatalf("query succeeded, expected an error: %s\ndata: %s", query, r.Data)
	}
	return r.Errors[0]
}

// Fetch sends a request with method (GET, HEAD, …), no body and header to url, and returns the
// response with its body read whole.
func Fetch(t testing.TB, method, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// Metric is the value of the sample name (with its labels, as in
// `careergraph_db_reads_total{target="replica"}`) on the /metrics page at metricsURL, failing the
// test when the page lacks it.
func Metric(t testing.TB, metricsURL, name string) float64 {
	t.Helper()
	_, body := Fetch(t, http.MethodGet, metricsURL, nil)
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return n
		}
	}
	t.Fatalf("%s lacks %s:\n%s", metricsURL, name, body)
	return 0
}
