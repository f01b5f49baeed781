package middleware

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

type clientAddrKey struct{}

// The forwarding headers a proxy may write.
const (
	XForwardedFor = "X-Forwarded-For"
	Forwarded     = "Forwarded"
)

// ClientAddr works out the address of the client behind each request: the peer that connected,
// or, when that peer is a trusted proxy, the address the proxies forwarded.
//
// Forwarding headers are written by whoever sends them, so only the hops appended by trusted
// proxies are believed, and only in the one header the proxies write (Forwarded or
// X-Forwarded-For): a proxy that writes one passes the other on as its client sent it. They are
// read from the right (the hop nearest to this server) leftwards: the first address that is not
// a trusted proxy is the client. A request from a peer that is not trusted keeps the peer's
// address whatever its headers say.
//
// It stores each request's client address in its context, for ClientAddrFrom. trusted are the
// proxies whose forwarding header, header (XForwardedFor or Forwarded), is believed; none means
// the peer is always the client.
func ClientAddr(trusted []netip.Prefix, header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			addr := resolve(r, trusted, header)
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientAddrKey{}, addr)))
		})
	}
}

// ClientAddrFrom returns the request's client address; the zero Addr when it is unknown (outside
// the middleware, or a peer that has no IP address, such as a Unix socket).
func ClientAddrFrom(ctx context.Context) netip.Addr {
	a, _ := ctx.Value(clientAddrKey{}).(netip.Addr)
	return a
}

// resolve applies the package's rules to r.
func resolve(r *http.Request, trusted []netip.Prefix, header string) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	client, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	client = plain(client)
	if !isTrusted(client, trusted) {
		return client
	}
	var hops []netip.Addr
	if header == Forwarded {
		hops, _ = forwarded(r.Header.Values(Forwarded))
	} else {
		hops = forwardedFor(r.Header.Values(XForwardedFor))
	}
	for i := len(hops) - 1; i >= 0; i-- {
		if !hops[i].IsValid() {
			break // Unknown, obfuscated or garbled: nothing further left can be believed.
		}
		client = hops[i]
		if !isTrusted(client, trusted) {
			break
		}
	}
	return client
}

// plain drops what would keep equal addresses from comparing equal: the IPv4-in-IPv6 form of
// a dual-stack listener, and IPv6 zones.
func plain(a netip.Addr) netip.Addr { return a.Unmap().WithZone("") }

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwarded returns the for= nodes of RFC 7239 Forwarded header lines, in order, with the zero
// Addr for one that names no IP address (unknown, obfuscated, missing, malformed). ok is false
// when there is no Forwarded header.
func forwarded(lines []string) (hops []netip.Addr, ok bool) {
	for _, line := range lines {
		for _, element := range splitQuoted(line, ',') {
			if strings.TrimSpace(element) == "" {
				continue
			}
			var hop netip.Addr
			found := 0
			for _, pair := range splitQuoted(element, ';') {
				name, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(name, "for") {
					found++
					hop = node(unquote(value))
				}
			}
			if found != 1 {
				hop = netip.Addr{}
			}
			hops = append(hops, hop)
		}
	}
	return hops, len(hops) > 0
}

// forwardedFor returns the addresses of X-Forwarded-For header lines, in order, with the zero
// Addr for an entry that is not one.
func forwardedFor(lines []string) []netip.Addr {
	var hops []netip.Addr
	for _, line := range lines {
		for _, entry := range strings.Split(line, ",") {
			hops = append(hops, node(strings.TrimSpace(entry)))
		}
	}
	return hops
}

// node reads an address as proxies write it: 192.0.2.1, 192.0.2.1:4711, 2001:db8::1,
// [2001:db8::1] or [2001:db8::1]:4711 (the port may be obfuscated, "_x"). Anything else, the
// identifiers "unknown" and "_hidden" included, is the zero Addr.
func node(s string) netip.Addr {
	host := s
	if h, port, err := net.SplitHostPort(s); err == nil {
		if !validPort(port) {
			return netip.Addr{}
		}
		host = h
	} else if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		host = s[1 : len(s)-1]
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return plain(a)
}

// validPort accepts a port number or RFC 7239's obfuscated port: "_" and letters, digits, ".",
// "_" or "-".
func validPort(p string) bool {
	allowed := "0123456789"
	if strings.HasPrefix(p, "_") {
		p, allowed = p[1:], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"
	} else if len(p) > 5 {
		return false
	}
	return p != "" && strings.Trim(p, allowed) == ""
}

// splitQuoted splits s at sep outside quoted strings.
func splitQuoted(s string, sep byte) []string {
	var parts []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case quoted && s[i] == '\\':
			i++
		case s[i] == '"':
			quoted = !quoted
		case !quoted && s[i] == sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unquote returns the content of a quoted string, or s unchanged when it is a bare token. An
// unterminated quote gives "", which is no address.
func unquote(s string) string {
	if !strings.HasPrefix(s, `"`) {
		return s
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) {
		return ""
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '\\' && i+1 < len(s)-1 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
