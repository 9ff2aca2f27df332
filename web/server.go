package web

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/assistant"
)

// The defaults of Config's limits.
const (
	DefaultMaxFrameBytes     = 256 << 10
	DefaultMaxQuestionRunes  = 2000
	DefaultWriteWait         = 10 * time.Second
	DefaultPongWait          = 60 * time.Second
	DefaultMaxAnswersPerConn = 4
)

// A frame must hold a question of MaxQuestionRunes runes, each escaped in the
// longest JSON way (a surrogate pair, "\uXXXX\uXXXX"), plus frameOverhead for the
// type, the ids and the punctuation.
const (
	maxEscapedRuneBytes = 12
	frameOverhead       = 1024
)

// sendBuffer is how many frames wait for a session's writer before a producer
// blocks; a full buffer slows that session's answers, never another session's.
const sendBuffer = 64

// Log keys.
const (
	keyAskID        = "ask_id"
	keyCode         = "code"
	keyConversation = "conversation"
	keyDurationMS   = "duration_ms"
	keyErr          = "err"
	keyLimits       = "limits"
	keyMode         = "mode"
	keyQuestion     = "question"
	keyQuestionLen  = "question_runes"
	keyRemoteAddr   = "remote_addr"
	keySessions     = "sessions"
)

//go:embed static
var staticFiles embed.FS

// Config configures a Server. Only Answerer is required; the zero value of every
// other field selects the default its comment names.
type Config struct {
	// Answerer answers the questions. It is required.
	Answerer assistant.Answerer

	// Logger receives the server's logs. Nil discards them.
	Logger *slog.Logger

	// MaxFrameBytes is the largest websocket message a client may send; a larger
	// one closes the connection with code 1009. Zero means DefaultMaxFrameBytes
	// (256 KiB). It must be at least 12 bytes for each of MaxQuestionRunes plus 1 KiB,
	// so that any question up to the limit fits, however the client escapes it.
	MaxFrameBytes int64

	// MaxQuestionRunes is the longest question accepted, in runes (Unicode code
	// points). Zero means DefaultMaxQuestionRunes (2000).
	MaxQuestionRunes int

	// WriteWait is how long the writing of one frame may take before the
	// connection is dropped. Zero means DefaultWriteWait (10s).
	WriteWait time.Duration

	// PongWait is how long the server waits for any message, a pong included,
	// before it drops the connection. Zero means DefaultPongWait (60s).
	PongWait time.Duration

	// PingPeriod is how often the server pings a client; it must be less than
	// PongWait. Zero means nine tenths of PongWait.
	PingPeriod time.Duration

	// MaxAnswersPerConn is how many asks may run at once on one connection; one
	// more is refused with code CodeBusy. Zero means DefaultMaxAnswersPerConn (4).
	MaxAnswersPerConn int

	// NewConversationID names the conversation of an ask that names none. Nil
	// means a random id of 16 hexadecimal digits.
	NewConversationID func() string

	// Routes maps extra ServeMux patterns, such as "/review", to their handlers.
	// A pattern that conflicts with the server's own routes ("GET /{$}",
	// "GET /static/", "GET /healthz", "/ws") or another is an error. Nil adds none.
	Routes map[string]http.Handler
}

// Server serves the chat client and its websocket sessions.
type Server struct {
	cfg      Config
	log      *slog.Logger
	handler  http.Handler
	upgrader websocket.Upgrader

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	active   sync.WaitGroup
}

// New checks cfg, fills in its defaults and returns a Server.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("web: invalid config: %w", err)
	}

	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		sessions: make(map[*session]struct{}),
	}

	handler, err := s.routes()
	if err != nil {
		return nil, fmt.Errorf("web: invalid config: %w", err)
	}
	s.handler = handler
	s.log.Info("web server configured", keyLimits, cfg.limits())

	return s, nil
}

// limits returns cfg's limits for the log; the config holds no secrets.
func (cfg Config) limits() slog.Value {
	return slog.GroupValue(
		slog.Int64("max_frame_bytes", cfg.MaxFrameBytes),
		slog.Int("max_question_runes", cfg.MaxQuestionRunes),
		slog.Duration("write_wait", cfg.WriteWait),
		slog.Duration("pong_wait", cfg.PongWait),
		slog.Duration("ping_period", cfg.PingPeriod),
		slog.Int("max_answers_per_conn", cfg.MaxAnswersPerConn),
		slog.Int("extra_routes", len(cfg.Routes)),
	)
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxFrameBytes == 0 {
		cfg.MaxFrameBytes = DefaultMaxFrameBytes
	}
	if cfg.MaxQuestionRunes == 0 {
		cfg.MaxQuestionRunes = DefaultMaxQuestionRunes
	}
	if cfg.WriteWait == 0 {
		cfg.WriteWait = DefaultWriteWait
	}
	if cfg.PongWait == 0 {
		cfg.PongWait = DefaultPongWait
	}
	if cfg.PingPeriod == 0 {
		cfg.PingPeriod = cfg.PongWait * 9 / 10
	}
	if cfg.MaxAnswersPerConn == 0 {
		cfg.MaxAnswersPerConn = DefaultMaxAnswersPerConn
	}
	if cfg.NewConversationID == nil {
		cfg.NewConversationID = randomID
	}

	return cfg
}

// validate reports every field of cfg, defaults filled in, that cannot work.
func (cfg Config) validate() error {
	var errs []error
	if cfg.Answerer == nil {
		errs = append(errs, errors.New("missing Answerer"))
	}

	errs = append(errs, cfg.validateLimits()...)
	errs = append(errs, cfg.validateTimes()...)

	return errors.Join(errs...)
}

func (cfg Config) validateLimits() []error {
	var errs []error
	if n := cfg.MaxQuestionRunes; n < 0 {
		errs = append(errs, fmt.Errorf("negative MaxQuestionRunes %d", n))
	}

	minFrame := maxEscapedRuneBytes*int64(cfg.MaxQuestionRunes) + frameOverhead
	if cfg.MaxFrameBytes < minFrame {
		errs = append(errs, fmt.Errorf("MaxFrameBytes %d below %d, too small for a "+
			"question of MaxQuestionRunes runes", cfg.MaxFrameBytes, minFrame))
	}

	if n := cfg.MaxAnswersPerConn; n < 0 {
		errs = append(errs, fmt.Errorf("negative MaxAnswersPerConn %d", n))
	}

	return errs
}

func (cfg Config) validateTimes() []error {
	durations := []struct {
		name string
		d    time.Duration
	}{
		{"WriteWait", cfg.WriteWait},
		{"PongWait", cfg.PongWait},
		{"PingPeriod", cfg.PingPeriod},
	}

	var errs []error
	for _, f := range durations {
		if f.d < 0 {
			errs = append(errs, fmt.Errorf("negative %s %v", f.name, f.d))
		}
	}

	if cfg.PingPeriod >= cfg.PongWait {
		errs = append(errs, fmt.Errorf("PingPeriod %v not less than PongWait %v",
			cfg.PingPeriod, cfg.PongWait))
	}

	return errs
}

// randomID returns 16 hexadecimal digits from crypto/rand.
func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails: since Go 1.24 it crashes the program instead

	return hex.EncodeToString(b[:])
}

// routes builds the server's handler, with cfg.Routes mounted beside its own.
func (s *Server) routes() (http.Handler, error) {
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", withSecurityHeaders(http.HandlerFunc(s.serveIndex)))
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	mux.Handle("GET /static/", withSecurityHeaders(noListing(files)))
	mux.HandleFunc("GET /healthz", serveHealth)
	mux.HandleFunc("/ws", s.serveWS)

	for pattern, h := range s.cfg.Routes {
		if err := handle(mux, pattern, h); err != nil {
			return nil, fmt.Errorf("route %q: %w", pattern, err)
		}
	}

	return mux, nil
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

// Handler returns the handler of every route: "GET /" (the chat client),
// "GET /static/" (its assets), "GET /healthz", "/ws" (the websocket) and the
// extra Config.Routes.
func (s *Server) Handler() http.Handler {
	return s.handler
}

// withSecurityHeaders sets headers that keep the client's pages to their own
// scripts and styles, so that answer text can never run as code.
func withSecurityHeaders(h http.Handler) http.Handler {
	const csp = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
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

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	page, err := staticFiles.ReadFile("static/index.html")
	if err != nil {
		s.log.Error("read index page", keyErr, err)
		http.Error(w, "index page missing", http.StatusInternalServerError)
		return
	}

	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(page)
}

func serveHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// serveWS upgrades the request and serves the websocket session until it ends.
// The upgrader's default origin check admits only pages of this same host.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	// TODO(widget): an embeddable widget on other sites needs an origin allowlist.
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.log.Debug("websocket upgrade failed", keyRemoteAddr, r.RemoteAddr, keyErr, err)
		return // Upgrade has replied with an HTTP error
	}

	// The request's context lives until this handler returns, which is when the
	// session ends.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()

	sess := newSession(ctx, cancel, s, conn, s.log.With(keyRemoteAddr, r.RemoteAddr))
	if !s.track(sess) {
		sess.goAway()
		_ = conn.Close()
		return
	}
	defer s.untrack(sess)

	sess.serve(ctx)
}

// track adds sess to the open sessions; it returns false once Shutdown has begun.
func (s *Server) track(sess *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.closing {
		return false
	}
	s.sessions[sess] = struct{}{}
	s.active.Add(1)

	return true
}

func (s *Server) untrack(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()

	delete(s.sessions, sess)
	s.active.Done()
}

// Shutdown closes every open websocket session with a going-away (1001) close
// frame, refuses new ones, and waits until the sessions have ended or ctx is
// done; then it drops the connections that remain and returns ctx's error.
// http.Server.Shutdown does not do this, because the sessions' connections are
// hijacked; call both.
func (s *Server) Shutdown(ctx context.Context) error {
	sessions := s.beginShutdown()
	s.log.Info("closing websocket sessions", keySessions, len(sessions))

	var sent sync.WaitGroup
	for _, sess := range sessions {
		sent.Go(sess.goAway) // in parallel: a slow client delays only its own close
	}
	sent.Wait()

	ended := make(chan struct{})
	go func() {
		s.active.Wait()
		close(ended)
	}()

	select {
	case <-ended:
		return nil
	case <-ctx.Done():
		for _, sess := range sessions {
			_ = sess.conn.Close()
		}
		return fmt.Errorf("web: shutdown: %w", ctx.Err())
	}
}

// beginShutdown refuses new sessions and returns the open ones.
func (s *Server) beginShutdown() []*session {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.closing = true
	sessions := make([]*session, 0, len(s.sessions))
	for sess := range s.sessions {
		sessions = append(sessions, sess)
	}

	return sessions
}
