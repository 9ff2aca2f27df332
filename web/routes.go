package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// routes builds the server's handler, with cfg.Routes mounted beside its own.
func (s *Server) routes() (http.Handler, error) {
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", withSecurityHeaders(s.page("static/index.html", "'none'")))
	mux.Handle("GET /embed", withSecurityHeaders(s.page("static/embed.html", s.frameAncestors())))
	mux.Handle("GET /widget.js", s.withCORS(s.script("static/widget.js")))
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", s.withCORS(withSecurityHeaders(noListing(files))))
	mux.HandleFunc("GET /healthz", serveHealth)
	mux.HandleFunc("GET /readyz", s.serveReady)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("/ws", s.serveWS)

	for pattern, h := range s.cfg.Routes {
		if err := handle(mux, pattern, h); err != nil {
			return nil, fmt.Errorf("route %q: %w", pattern, err)
		}
	}

	return s.withRequestID(mux), nil
}

// handle mounts h on mux, turning ServeMux's panic on a bad or conflicting
// pattern into an error.
func handle(mux *http.ServeMux, pattern string, h http.Handler) (err error) {
	if h == nil {
		return errors.New("nil handler")
	}

	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	mux.Handle(pattern, h)

	return nil
}

// csp keeps the client's pages to their own scripts and styles, so that
// answer text can never run as code, and their websocket to the server that
// served them: connect-src names the request's host with ws: and wss:, since
// some browsers do not count a websocket to it as 'self'. frame-ancestors
// is added per page.
func csp(r *http.Request) string {
	connect := "'self'"
	if validHost.MatchString(r.Host) {
		connect += " ws://" + r.Host + " wss://" + r.Host
	}

	return "default-src 'self'; connect-src " + connect + "; img-src 'self' data:; " +
		"base-uri 'none'; form-action 'none'"
}

// validHost is a Host header that can stand in a CSP source as it is.
var validHost = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]+)?$|^\[[0-9A-Fa-f:.]+\](:[0-9]+)?$`)

// withSecurityHeaders sets headers that keep the client's pages to their own
// scripts and styles. A page that sets its own Content-Security-Policy keeps it.
func withSecurityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp(r)+"; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// frameAncestors returns the CSP sources of the pages that may frame /embed:
// this server's own and the allowed origins.
func (s *Server) frameAncestors() string {
	sources := []string{"'self'"}
	for _, o := range s.cfg.AllowedOrigins {
		sources = append(sources, o.String())
	}

	return strings.Join(sources, " ")
}

// noListing answers 404 for a directory, which h would list.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// page serves an embedded HTML page, which the pages of ancestors (CSP
// frame-ancestors sources) may frame.
func (s *Server) page(name, ancestors string) http.Handler {
	return s.embedded(name, "text/html; charset=utf-8", func(h http.Header, r *http.Request) {
		h.Set("Content-Security-Policy", csp(r)+"; frame-ancestors "+ancestors)
	})
}

// script serves an embedded script that other sites' pages load.
func (s *Server) script(name string) http.Handler {
	return s.embedded(name, "text/javascript; charset=utf-8", func(h http.Header, _ *http.Request) {
		h.Set("X-Content-Type-Options", "nosniff")
	})
}

func (s *Server) embedded(name, contentType string,
	headers func(http.Header, *http.Request),
) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := staticFiles.ReadFile(name)
		if err != nil {
			s.log.Error("read embedded file", keyPath, name, keyErr, err)
			http.Error(w, "file missing", http.StatusInternalServerError)
			return
		}

		headers(w.Header(), r)
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(body)
	})
}

func serveHealth(w http.ResponseWriter, _ *http.Request) {
	writeStatus(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyWait bounds the readiness check of the history database.
const readyWait = 2 * time.Second

// serveReady answers 200 while the server takes new sessions and its history
// database answers, and 503 otherwise, with the reason.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	if s.shuttingDown() {
		writeStatus(w, http.StatusServiceUnavailable,
			map[string]string{"status": "unavailable", "reason": "shutting down"})
		return
	}

	if s.cfg.History != nil {
		ctx, cancel := context.WithTimeout(r.Context(), readyWait)
		defer cancel()
		if err := s.cfg.History.Ping(ctx); err != nil {
			s.log.Warn("history database not ready", keyErr, err)
			writeStatus(w, http.StatusServiceUnavailable,
				map[string]string{"status": "unavailable", "reason": "history database"})
			return
		}
	}

	writeStatus(w, http.StatusOK, map[string]string{"status": "ready"})
}

func writeStatus(w http.ResponseWriter, code int, body map[string]string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

// requestIDKey is the context key of a request's id.
type requestIDKey struct{}

// requestID returns the id withRequestID gave the request of ctx.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// maxRequestIDBytes is the longest X-Request-ID taken from a trusted proxy.
const maxRequestIDBytes = 64

// withRequestID gives every request an id: a trusted proxy's X-Request-ID, or
// a new one. It sets the response header and the request's context, and does
// not wrap the ResponseWriter, which the websocket upgrade must hijack.
func (s *Server) withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !s.trusted(peerAddr(r.RemoteAddr)) || !validRequestID(id) {
			id = randomID()
		}

		w.Header().Set("X-Request-ID", id)
		s.log.Debug("request", "method", r.Method, keyPath, r.URL.Path, keyRequestID, id,
			keyRemoteAddr, r.RemoteAddr)
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDBytes {
		return false
	}

	for _, c := range id {
		ok := c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !ok {
			return false
		}
	}

	return true
}
