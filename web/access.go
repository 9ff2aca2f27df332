package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// The reasons a request is refused with 403; each is logged and counted.
var (
	errOriginRefused = errors.New("origin not allowed")
	errTokenMissing  = errors.New("token missing")
	errTokenWrong    = errors.New("token wrong")
)

// maxUserBytes is the longest user name taken from the trusted header.
const maxUserBytes = 256

// Origin is one entry of Config.AllowedOrigins: a scheme and a host, the host
// maybe with a port and maybe starting with "*." for any subdomain.
type Origin struct {
	scheme string
	host   string // lower case, with the port if any
	sub    bool   // host is a suffix: "*." was cut off
}

// ParseOrigin parses "https://wiki.lab.example", "http://localhost:8000" or
// "https://*.lab.example"; anything with a path, a query or another scheme
// than http and https is an error.
func ParseOrigin(s string) (Origin, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Origin{}, fmt.Errorf("origin %q: %w", s, err)
	}

	if u.Scheme != "http" && u.Scheme != "https" {
		return Origin{}, fmt.Errorf("origin %q: want an http or https URL", s)
	}
	if u.Host == "" || u.User != nil || strings.Trim(u.Path, "/") != "" ||
		u.RawQuery != "" || u.Fragment != "" {
		return Origin{}, fmt.Errorf("origin %q: want scheme://host[:port] and nothing more", s)
	}

	o := Origin{scheme: u.Scheme, host: strings.ToLower(u.Host)}
	if rest, ok := strings.CutPrefix(o.host, "*."); ok {
		o.host, o.sub = rest, true
	}
	if o.host == "" || strings.Contains(o.host, "*") {
		return Origin{}, fmt.Errorf("origin %q: a wildcard may only start the host", s)
	}

	return o, nil
}

// String returns the origin as a CSP source expression.
func (o Origin) String() string {
	if o.sub {
		return o.scheme + "://*." + o.host
	}

	return o.scheme + "://" + o.host
}

// matches reports whether the parsed Origin header u is o.
func (o Origin) matches(u *url.URL) bool {
	if u.Scheme != o.scheme {
		return false
	}

	host := strings.ToLower(u.Host)
	if o.sub {
		return strings.HasSuffix(host, "."+o.host)
	}

	return host == o.host
}

// originAllowed reports whether a request may come from the page of its Origin
// header: a request without one (not from a browser), a page of this server's
// own host, or a page of an allowed origin. The scheme of this server's own
// pages is not compared, since a proxy may end TLS in front of it.
func (s *Server) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}

	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}

	if strings.EqualFold(u.Host, r.Host) {
		return true
	}

	for _, o := range s.cfg.AllowedOrigins {
		if o.matches(u) {
			return true
		}
	}

	return false
}

// crossOrigin reports whether r comes from an allowed page of another origin.
func (s *Server) crossOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")

	return origin != "" && s.originAllowed(r) && !sameHost(origin, r.Host)
}

func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)

	return err == nil && strings.EqualFold(u.Host, host)
}

// checkToken returns nil when no token is configured or r carries it, as a
// bearer token or, for browsers, whose websockets cannot set headers, as the
// token query parameter.
func (s *Server) checkToken(r *http.Request) error {
	if s.tokenSum == nil {
		return nil
	}

	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		got = r.URL.Query().Get("token")
	}
	if got == "" {
		return errTokenMissing
	}

	// Comparing digests keeps the time independent of the token's length too.
	sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
	if subtle.ConstantTimeCompare(sum[:], s.tokenSum) != 1 {
		return errTokenWrong
	}

	return nil
}

// client is who a request comes from.
type client struct {
	// addr is the client's IP address: the peer's, or the one a trusted proxy
	// forwarded for.
	addr string

	// user is the name the trusted proxy's header gave; empty when none did.
	user string
}

// key names the client for its limits: the user when known, else the address.
func (c client) key() string {
	if c.user != "" {
		return "user:" + c.user
	}

	return "addr:" + c.addr
}

// identify returns the client of r. The user header and X-Forwarded-For are
// believed only from the trusted proxies; from anyone else they are ignored.
func (s *Server) identify(r *http.Request) client {
	peer := peerAddr(r.RemoteAddr)
	c := client{addr: peer.String()}
	if !peer.IsValid() {
		c.addr = r.RemoteAddr
	}

	if !s.trusted(peer) {
		if s.cfg.UserHeader != "" && r.Header.Get(s.cfg.UserHeader) != "" {
			s.log.Debug("user header ignored from an untrusted address",
				keyRemoteAddr, r.RemoteAddr)
		}
		return c
	}

	if fwd := s.forwardedFor(r); fwd.IsValid() {
		c.addr = fwd.String()
	}
	if s.cfg.UserHeader != "" {
		user := strings.TrimSpace(r.Header.Get(s.cfg.UserHeader))
		if len(user) <= maxUserBytes {
			c.user = user
		}
	}

	return c
}

// peerAddr parses a RemoteAddr ("ip:port"); the zero Addr when it is not one.
func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}

	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}

	return addr.Unmap()
}

func (s *Server) trusted(addr netip.Addr) bool {
	if !addr.IsValid() {
		return false
	}

	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(addr) {
			return true
		}
	}

	return false
}

// forwardedFor returns the address X-Forwarded-For names last that is not a
// trusted proxy: the nearest client no proxy of ours vouches for.
func (s *Server) forwardedFor(r *http.Request) netip.Addr {
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}

	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return netip.Addr{}
		}

		addr = addr.Unmap()
		if !s.trusted(addr) {
			return addr
		}
	}

	return netip.Addr{}
}

// refuse answers 403 with the reason, which is also logged and counted.
//
// The browser's WebSocket API hides a refused handshake's status, so the chat
// client asks again with a plain request and reads the reason from this reply
// (see protocol.go). Any page may read it: the reason names no secret, a page
// of a refused origin learns only that, and the token is checked only for
// allowed ones.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, c client, reason error) {
	s.log.Warn("request refused", keyReason, reason.Error(), keyPath, r.URL.Path,
		keyOrigin, r.Header.Get("Origin"), keyRemoteAddr, c.addr, keyUser, c.user,
		keyRequestID, requestID(r.Context()))
	s.metrics.refused.WithLabelValues(reasonLabel(reason)).Inc()

	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(http.StatusForbidden)
	_, _ = fmt.Fprintf(w, "forbidden: %v\n", reason)
}

func reasonLabel(reason error) string {
	return strings.ReplaceAll(reason.Error(), " ", "_")
}

// withCORS lets pages of the allowed origins read h's responses: the widget
// imports the chat's module script from this server, which needs CORS.
//
// A page of another origin is refused with 403 and its reason, logged and
// counted: without CORS its browser would drop the script anyway, but silently,
// leaving nothing in the log and the widget nothing to tell its user. The
// refusal is readable by any page (see refuse), so the widget can say why.
// Requests without an Origin header (a <script> or <link> tag's, a same-origin
// page's, a non-browser's) are served as before.
func (s *Server) withCORS(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if !s.originAllowed(r) {
			s.refuse(w, r, s.identify(r), errOriginRefused)
			return
		}

		if s.crossOrigin(r) {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		}
		h.ServeHTTP(w, r)
	})
}
