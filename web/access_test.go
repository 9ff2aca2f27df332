package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gorilla/websocket"
)

func mustOrigins(t *testing.T, raw ...string) []Origin {
	t.Helper()

	var out []Origin
	for _, r := range raw {
		o, err := ParseOrigin(r)
		if err != nil {
			t.Fatalf("ParseOrigin(%q): %v", r, err)
		}
		out = append(out, o)
	}

	return out
}

func TestParseOrigin(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"https://wiki.lab.example", "https://wiki.lab.example", false},
		{"http://LOCALHOST:8000/", "http://localhost:8000", false},
		{"https://*.lab.example", "https://*.lab.example", false},
		{"ftp://wiki.lab.example", "", true},
		{"https://wiki.lab.example/page", "", true},
		{"wiki.lab.example", "", true},
		{"https://wiki.*.example", "", true},
		{"https://*.", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			o, err := ParseOrigin(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseOrigin error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && o.String() != tt.want {
				t.Errorf("ParseOrigin = %q, want %q", o.String(), tt.want)
			}
		})
	}
}

// TestWebsocketAccess dials the websocket with various origins and tokens: a
// refusal is a 403 with its reason logged, never a silent close.
func TestWebsocketAccess(t *testing.T) {
	var logs lockedBuffer
	cfg := Config{
		AllowedOrigins: mustOrigins(t, "https://wiki.lab.example", "https://*.core.example"),
		Token:          "s3cret-token",
		Logger:         slogTo(&logs),
	}
	_, ts, _ := newTestServer(t, cfg)
	own := "http://" + strings.TrimPrefix(ts.URL, "http://")

	tests := []struct {
		name, origin, query, auth string
		want                      int
		reason                    string
	}{
		{"allowed origin, bearer", "https://wiki.lab.example", "", "Bearer s3cret-token",
			http.StatusSwitchingProtocols, ""},
		{"subdomain origin, query token", "https://a.core.example", "?token=s3cret-token", "",
			http.StatusSwitchingProtocols, ""},
		{"own origin", own, "?token=s3cret-token", "", http.StatusSwitchingProtocols, ""},
		{"no origin (not a browser)", "", "", "Bearer s3cret-token",
			http.StatusSwitchingProtocols, ""},
		{"disallowed origin", "https://evil.example", "?token=s3cret-token", "",
			http.StatusForbidden, "origin not allowed"},
		{"wrong scheme", "http://wiki.lab.example", "?token=s3cret-token", "",
			http.StatusForbidden, "origin not allowed"},
		{"missing token", "https://wiki.lab.example", "", "", http.StatusForbidden,
			"token missing"},
		{"wrong token", "https://wiki.lab.example", "?token=guess", "", http.StatusForbidden,
			"token wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := http.Header{}
			if tt.origin != "" {
				header.Set("Origin", tt.origin)
			}
			if tt.auth != "" {
				header.Set("Authorization", tt.auth)
			}

			conn, resp, err := websocket.DefaultDialer.Dial(wsURL(ts)+tt.query, header)
			if conn != nil {
				_ = conn.Close()
			}
			if resp == nil {
				t.Fatalf("dial: %v, no response", err)
			}
			_ = resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status = %d, want %d (err %v)", resp.StatusCode, tt.want, err)
			}
			if tt.reason != "" && !strings.Contains(logs.String(), "reason=\""+tt.reason) {
				t.Errorf("logs lack reason %q:\n%s", tt.reason, logs.String())
			}
		})
	}
}

// TestAccessProbe sends the plain GET of /ws with which the chat client learns
// why its websocket was refused: the access check's 403 and reason, readable by
// any page, or, with access granted, the upgrade check's 400.
func TestAccessProbe(t *testing.T) {
	cfg := Config{AllowedOrigins: mustOrigins(t, "https://wiki.lab.example"), Token: "s3cret"}
	_, ts, _ := newTestServer(t, cfg)

	tests := []struct {
		name, origin, query string
		wantStatus          int
		wantBody            string
	}{
		{"token missing", "", "", http.StatusForbidden, "forbidden: token missing\n"},
		{"token wrong", "https://wiki.lab.example", "?token=guess", http.StatusForbidden,
			"forbidden: token wrong\n"},
		{"origin not allowed", "https://evil.example", "?token=s3cret", http.StatusForbidden,
			"forbidden: origin not allowed\n"},
		{"access granted", "https://wiki.lab.example", "?token=s3cret",
			http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", ts.URL+"/ws"+tt.query, nil)
			if err != nil {
				t.Fatalf("new request: %v", err)
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatalf("GET /ws: %v", err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)

			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != http.StatusForbidden {
				return
			}
			if string(body) != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
			}
		})
	}
}

func TestIdentify(t *testing.T) {
	srv, _, _ := newTestServer(t, Config{
		UserHeader:     "X-Remote-User",
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})

	tests := []struct {
		name, remote, user, fwd string
		want                    client
	}{
		{"trusted proxy names the user", "10.1.2.3:5000", "alice", "192.0.2.7",
			client{addr: "192.0.2.7", user: "alice"}},
		{"untrusted peer cannot name a user", "192.0.2.9:5000", "alice", "192.0.2.7",
			client{addr: "192.0.2.9"}},
		{"chain of proxies", "10.1.2.3:5000", "", "198.51.100.4, 10.9.9.9",
			client{addr: "198.51.100.4"}},
		{"forged first hop is not believed", "10.1.2.3:5000", "", "203.0.113.1, 198.51.100.4",
			client{addr: "198.51.100.4"}},
		{"no forwarding", "10.1.2.3:5000", "", "", client{addr: "10.1.2.3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/ws", nil)
			r.RemoteAddr = tt.remote
			if tt.user != "" {
				r.Header.Set("X-Remote-User", tt.user)
			}
			if tt.fwd != "" {
				r.Header.Set("X-Forwarded-For", tt.fwd)
			}

			got := srv.identify(r)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(client{})); diff != "" {
				t.Errorf("identify (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUserInHello checks that the user the trusted proxy names reaches the
// session; the test server's peer, the loopback address, is the proxy.
func TestUserInHello(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{
		UserHeader:     "X-Remote-User",
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
	})

	c := dialWith(t, ts, "", http.Header{"X-Remote-User": {"alice"}})
	c.send(HelloRequest{Type: TypeHello})
	if got := c.read(); got.Type != TypeHello || got.User != "alice" {
		t.Errorf("hello = %+v, want user alice", got)
	}
}

// TestCrossOriginHeaders fetches the widget's assets as pages of various
// origins do: an allowed page may read them; another site's page is refused
// with 403 and the reason, which it may read and the log records.
func TestCrossOriginHeaders(t *testing.T) {
	var logs lockedBuffer
	_, ts, _ := newTestServer(t, Config{
		AllowedOrigins: mustOrigins(t, "https://wiki.lab.example"), Logger: slogTo(&logs)})

	tests := []struct {
		name, path, origin string
		wantStatus         int
		wantAllow          string
		wantBody           string // a prefix; for a refusal, the whole body
	}{
		{"widget for an allowed page", "/widget.js", "https://wiki.lab.example",
			http.StatusOK, "https://wiki.lab.example", "// Neuroguide widget"},
		{"module for an allowed page", "/static/chat.js", "https://wiki.lab.example",
			http.StatusOK, "https://wiki.lab.example", "//"},
		{"module for another page", "/static/chat.js", "https://evil.example",
			http.StatusForbidden, "*", "forbidden: origin not allowed\n"},
		{"widget for another page", "/widget.js", "https://evil.example",
			http.StatusForbidden, "*", "forbidden: origin not allowed\n"},
		{"module for a page of a wrong scheme", "/static/chat.js", "http://wiki.lab.example",
			http.StatusForbidden, "*", "forbidden: origin not allowed\n"},
		{"module without origin", "/static/chat.js", "", http.StatusOK, "", "//"},
		{"widget without origin", "/widget.js", "", http.StatusOK, "", "// Neuroguide widget"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			req, _ := http.NewRequest("GET", ts.URL+tt.path, nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			body, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()

			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.wantAllow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.wantAllow)
			}
			refused := tt.wantStatus == http.StatusForbidden
			if refused && string(body) != tt.wantBody ||
				!refused && !strings.HasPrefix(string(body), tt.wantBody) {
				t.Errorf("body starts %.40q, want %q", body, tt.wantBody)
			}

			wantLog := `msg="request refused" reason="origin not allowed" path=` + tt.path +
				" origin=" + tt.origin
			if got := strings.Contains(logs.String(), wantLog); got != refused {
				t.Errorf("log has %q: %v, want %v; log:\n%s", wantLog, got, refused,
					logs.String())
			}
		})
	}
}

func TestFrameAncestors(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{AllowedOrigins: mustOrigins(t, "https://wiki.lab.example")})

	tests := []struct {
		path, want string
	}{
		{"/", "frame-ancestors 'none'"},
		{"/embed", "frame-ancestors 'self' https://wiki.lab.example"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := httpGet(t, ts, "GET", tt.path)
			got := resp.Header.Get("Content-Security-Policy")
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("CSP = %q, want it to end with %q", got, tt.want)
			}

			// The page's websocket may reach its own server only.
			host := strings.TrimPrefix(ts.URL, "http://")
			connect := "connect-src 'self' ws://" + host + " wss://" + host + ";"
			if !strings.Contains(got, connect) {
				t.Errorf("CSP = %q, want %q", got, connect)
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
	})

	tests := []struct {
		name, sent string
		keep       bool
	}{
		{"proxy's id kept", "req-42.a_b", true},
		{"odd id replaced", "<script>", false},
		{"none sent", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
			if tt.sent != "" {
				req.Header.Set("X-Request-ID", tt.sent)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			_ = resp.Body.Close()

			got := resp.Header.Get("X-Request-ID")
			if got == "" || (got == tt.sent) != tt.keep {
				t.Errorf("X-Request-ID = %q for %q, want kept %v", got, tt.sent, tt.keep)
			}
		})
	}
}
