package middleware_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"careergraph/internal/middleware"
)

func TestClientAddress(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}
	tests := []struct {
		name    string
		remote  string
		trusted []netip.Prefix
		header  http.Header
		want    string
	}{
		{"PeerWithoutHeaders", "203.0.113.9:5123", proxies, nil, "203.0.113.9"},
		{"NoTrustedProxiesIgnoresHeaders", "10.0.0.1:5123", nil, http.Header{"X-Forwarded-For": {"198.51.100.7"}}, "10.0.0.1"},
		{"UntrustedPeerCannotSpoofXForwardedFor", "203.0.113.9:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7"}}, "203.0.113.9"},
		{"UntrustedPeerCannotSpoofForwarded", "203.0.113.9:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {"for=198.51.100.7"}}, "203.0.113.9"},
		{"UntrustedPeerNamingATrustedProxy", "203.0.113.9:5123", proxies, http.Header{"X-Forwarded-For": {"10.0.0.2"}}, "203.0.113.9"},
		{"TrustedPeerWithoutHeadersIsTheClient", "10.0.0.1:5123", proxies, nil, "10.0.0.1"},
		{"OneProxy", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7"}}, "198.51.100.7"},
		{"ChainSkipsTrustedProxies", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7, 10.0.0.3, 10.0.0.2"}}, "198.51.100.7"},
		{"ClientsOwnEntriesLeftOfTheClientAreIgnored", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"1.2.3.4, 198.51.100.7, 10.0.0.2"}}, "198.51.100.7"},
		{"SeveralHeaderLinesAreOneList", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"1.2.3.4, 198.51.100.7", "10.0.0.2"}}, "198.51.100.7"},
		{"AllTrustedGivesTheLeftmost", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"10.0.0.9, 10.0.0.2"}}, "10.0.0.9"},
		{"XForwardedForWithPorts", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7:4711, [2001:db8:ffff::2]:443"}}, "198.51.100.7"},
		{"XForwardedForIPv6", "[2001:db8:ffff::1]:443", proxies, http.Header{"X-Forwarded-For": {"2001:db8:1::7"}}, "2001:db8:1::7"},
		{"ForwardedQuotedIPv6WithPort", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {`for="[2001:db8:1::7]:4711";proto=https`}}, "2001:db8:1::7"},
		{"ForwardedChain", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {`for=198.51.100.7;proto=https, For="10.0.0.3:80";by=10.0.0.1`}}, "198.51.100.7"},
		{"ForwardedObfuscatedPortIsAnAddress", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {`for="198.51.100.7:_p1"`}}, "198.51.100.7"},
		{"OnlyXForwardedForIsReadByDefault", "10.0.0.1:5123", proxies, http.Header{"Forwarded": {"for=198.51.100.7"}, "X-Forwarded-For": {"192.0.2.200"}}, "192.0.2.200"},
		{"ForwardedIsIgnoredUnlessConfigured", "10.0.0.1:5123", proxies, http.Header{"Forwarded": {"for=198.51.100.7"}}, "10.0.0.1"},
		{"ForwardedConfiguredIgnoresXForwardedFor", "10.0.0.1:5123", proxies, http.Header{"Forwarded": {"for=198.51.100.7"}, "X-Forwarded-For": {"192.0.2.200"}, "Via": {"forwarded"}}, "198.51.100.7"},
		{"ForwardedEmptyKeepsThePeer", "10.0.0.1:5123", proxies, http.Header{"Forwarded": {" , "}, "X-Forwarded-For": {"192.0.2.200"}, "Via": {"forwarded"}}, "10.0.0.1"},
		{"ForwardedUnknownStopsTheWalk", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {"for=198.51.100.7, for=unknown, for=10.0.0.3"}}, "10.0.0.3"},
		{"ForwardedObfuscatedStopsTheWalk", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {`for=198.51.100.7, for="_hidden"`}}, "10.0.0.1"},
		{"ForwardedWithoutForStopsTheWalk", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {"for=198.51.100.7, proto=https"}}, "10.0.0.1"},
		{"ForwardedTwoForsInOneHopStop", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {"for=198.51.100.7;for=192.0.2.200"}}, "10.0.0.1"},
		{"ForwardedUnterminatedQuote", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {`for=198.51.100.7, for="192.0.2.200`}}, "10.0.0.1"},
		{"ForwardedUnquotedBracketsAccepted", "10.0.0.1:5123", proxies, http.Header{"Via": {"forwarded"}, "Forwarded": {"for=[2001:db8:1::7]"}}, "2001:db8:1::7"},
		{"GarbageStopsAtTheLastGoodHop", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7, not-an-ip, 10.0.0.3"}}, "10.0.0.3"},
		{"GarbageRightmostKeepsThePeer", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7, 999.1.1.1"}}, "10.0.0.1"},
		{"EmptyEntryIsGarbage", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7,,10.0.0.3"}}, "10.0.0.3"},
		{"EmptyHeaderKeepsThePeer", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {""}}, "10.0.0.1"},
		{"BadPortIsGarbage", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7:http"}}, "10.0.0.1"},
		{"UnclosedBracketIsGarbage", "10.0.0.1:5123", proxies, http.Header{"X-Forwarded-For": {"[2001:db8:1::7"}}, "10.0.0.1"},
		{"MappedIPv4PeerIsTrusted", "[::ffff:10.0.0.1]:5123", proxies, http.Header{"X-Forwarded-For": {"::ffff:198.51.100.7"}}, "198.51.100.7"},
		{"ZoneIsDropped", "[fe80::1%eth0]:5123", proxies, nil, "fe80::1"},
		{"PeerWithoutPort", "203.0.113.9", proxies, nil, "203.0.113.9"},
		{"PeerThatIsNoAddress", "@", proxies, http.Header{"X-Forwarded-For": {"198.51.100.7"}}, "invalid IP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			r.Header = tc.header
			// A case marked Via: forwarded runs with Forwarded as the proxies' header.
			header := middleware.XForwardedFor
			if tc.header.Get("Via") == "forwarded" {
				header = middleware.Forwarded
			}
			var got netip.Addr
			middleware.ClientAddr(tc.trusted, header)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
				got = middleware.ClientAddrFrom(r.Context())
			})).ServeHTTP(httptest.NewRecorder(), r)
			if got.String() != tc.want {
				t.Errorf("client %s, want %s", got, tc.want)
			}
		})
	}
}

func TestOutsideTheMiddlewareTheClientIsUnknown(t *testing.T) {
	if a := middleware.ClientAddrFrom(context.Background()); a.IsValid() {
		t.Errorf("From outside a request: %s", a)
	}
}
