package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/web/history"
)

// The defaults of Config's limits.
const (
	DefaultMaxFrameBytes      = 256 << 10
	DefaultMaxQuestionRunes   = 2000
	DefaultWriteWait          = 10 * time.Second
	DefaultPongWait           = 60 * time.Second
	DefaultMaxAnswersPerConn  = 4
	DefaultMaxAnswers         = 64
	DefaultMaxConns           = 1000
	DefaultMaxConnsPerClient  = 32
	DefaultQuestionsPerMinute = 20
	DefaultMaxRateClients     = 10000
)

// A frame must hold a question of MaxQuestionRunes runes, each escaped in the
// longest JSON way (a surrogate pair, "\uXXXX\uXXXX"), plus frameOverhead for the
// type, the ids and the punctuation.
const (
	maxEscapedRuneBytes = 12
	frameOverhead       = 1024
)

// MinFrameBytes is the smallest Config.MaxFrameBytes that holds any question of
// questionRunes runes, however its client escapes it.
func MinFrameBytes(questionRunes int) int64 {
	return maxEscapedRuneBytes*int64(questionRunes) + frameOverhead
}

// hardFrameFactor times MaxFrameBytes is the longest message the server reads
// to its end: a longer one closes the connection, a shorter one over
// MaxFrameBytes is skipped with an error frame.
const hardFrameFactor = 4

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
	keyOrigin       = "origin"
	keyPath         = "path"
	keyQuestion     = "question"
	keyQuestionLen  = "question_runes"
	keyReason       = "reason"
	keyRemoteAddr   = "remote_addr"
	keyRequestID    = "request_id"
	keySessionID    = "session_id"
	keySessions     = "sessions"
	keyStatus       = "status"
	keyUser         = "user"
)

//go:embed static
var staticFiles embed.FS

// Memory is the part of the assistant that remembers each conversation's last
// turn for follow-ups; with history kept, the server saves it with every turn and
// gives it back after a restart. *assistant.Assistant implements it.
type Memory interface {
	ConversationState(conversation string) (assistant.TurnState, bool)
	RestoreConversation(conversation string, st assistant.TurnState) bool
}

// Config configures a Server. Only Answerer is required; the zero value of every
// other field selects the default its comment names. Limits below zero mean no
// limit.
type Config struct {
	// Answerer answers the questions. It is required.
	Answerer assistant.Answerer

	// Logger receives the server's logs. Nil discards them.
	Logger *slog.Logger

	// LogQuestions logs the text of questions at Info; otherwise only at Debug.
	LogQuestions bool

	// History keeps conversations and their turns. Nil keeps none: a reload
	// starts afresh, and an answer stops when its client disconnects.
	History *history.Store

	// Memory, with History, saves and restores the assistant's memory of each
	// conversation, so that follow-ups work after a restart. Nil saves none.
	Memory Memory

	// AllowedOrigins are the pages of other sites that may open the websocket and
	// load the widget's scripts, and frame /embed. Pages of the server's own host
	// are always allowed; nil allows no other. A request that names another
	// site's page in its Origin header is refused with 403, logged.
	AllowedOrigins []Origin

	// Token, when set, must come with every websocket, as "Authorization: Bearer
	// <token>" or as the token query parameter. Empty requires none.
	Token string

	// UserHeader names the request header in which the institute's reverse proxy
	// puts the signed-in user, such as "X-Remote-User". It is believed only from
	// TrustedProxies. Empty reads no user.
	UserHeader string

	// TrustedProxies are the addresses of the reverse proxies whose UserHeader,
	// X-Forwarded-For and X-Request-ID headers are believed. Nil trusts none.
	TrustedProxies []netip.Prefix

	// MaxFrameBytes is the largest websocket message a client may send; a larger
	// one is skipped with an error frame, and one over four times it closes the
	// connection with code 1009. Zero means DefaultMaxFrameBytes (256 KiB). It must
	// be at least 12 bytes for each of MaxQuestionRunes plus 1 KiB, so that any
	// question up to the limit fits, however the client escapes it.
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

	// MaxAnswers is how many asks may run at once on the whole server; one more
	// is refused with code CodeBusy. Zero means DefaultMaxAnswers (64).
	MaxAnswers int

	// MaxConns is how many websockets may be open at once; one more gets an error
	// frame of code CodeTooManyConnections and a close. Zero means
	// DefaultMaxConns (1000).
	MaxConns int

	// MaxConnsPerClient is how many websockets one client (a user named by the
	// proxy, else an address) may have open at once. Zero means
	// DefaultMaxConnsPerClient (32).
	MaxConnsPerClient int

	// QuestionsPerMinute is how many questions one client may ask a minute, in
	// bursts of up to as many; one more is refused with code CodeRateLimited.
	// Zero means DefaultQuestionsPerMinute (20).
	QuestionsPerMinute int

	// MaxRateClients bounds how many clients' question rates are remembered.
	// Zero means DefaultMaxRateClients (10000).
	MaxRateClients int

	// NewConversationID names the conversation of an ask that names none. Nil
	// means a random id of 16 hexadecimal digits.
	NewConversationID func() string

	// Routes maps extra ServeMux patterns, such as "/review", to their handlers.
	// A pattern that conflicts with the server's own routes (see Handler) or
	// another is an error. Nil adds none.
	Routes map[string]http.Handler
}

// Server serves the chat client, the widget and their websocket sessions.
type Server struct {
	cfg      Config
	log      *slog.Logger
	handler  http.Handler
	upgrader websocket.Upgrader
	metrics  *Metrics
	tokenSum []byte // SHA-256 of Config.Token; nil when there is none

	questions *questionLimits // nil when unlimited
	conns     *connLimits
	slots     answerSlots

	// answerCtx is the parent of every ask's context; Shutdown cancels it.
	answerCtx   context.Context
	stopAnswers context.CancelCauseFunc
	answers     sync.WaitGroup

	mu       sync.Mutex
	sessions map[*session]struct{}
	live     map[turnKey]*liveTurn
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
		metrics:  newMetrics(),
		conns:    &connLimits{max: cfg.MaxConns, perClient: cfg.MaxConnsPerClient},
		slots:    newAnswerSlots(cfg.MaxAnswers),
		sessions: make(map[*session]struct{}),
		live:     make(map[turnKey]*liveTurn),
	}
	s.conns.byClient = make(map[string]int)
	s.answerCtx, s.stopAnswers = context.WithCancelCause(context.Background())
	if cfg.QuestionsPerMinute > 0 {
		s.questions = newQuestionLimits(cfg.QuestionsPerMinute, cfg.MaxRateClients)
	}
	if cfg.Token != "" {
		sum := sha256.Sum256([]byte(cfg.Token))
		s.tokenSum = sum[:]
	}

	// serveWS has checked the origin already; this repeats it in case the
	// handler is ever reached another way.
	s.upgrader.CheckOrigin = s.originAllowed

	handler, err := s.routes()
	if err != nil {
		return nil, fmt.Errorf("web: invalid config: %w", err)
	}
	s.handler = handler
	s.log.Info("web server configured", keyLimits, cfg.limits())

	return s, nil
}

// limits returns cfg's limits and access settings for the log, the token
// redacted.
func (cfg Config) limits() slog.Value {
	origins := make([]string, 0, len(cfg.AllowedOrigins))
	for _, o := range cfg.AllowedOrigins {
		origins = append(origins, o.String())
	}

	return slog.GroupValue(
		slog.Int64("max_frame_bytes", cfg.MaxFrameBytes),
		slog.Int("max_question_runes", cfg.MaxQuestionRunes),
		slog.Duration("write_wait", cfg.WriteWait),
		slog.Duration("pong_wait", cfg.PongWait),
		slog.Duration("ping_period", cfg.PingPeriod),
		slog.Int("max_answers_per_conn", cfg.MaxAnswersPerConn),
		slog.Int("max_answers", cfg.MaxAnswers),
		slog.Int("max_conns", cfg.MaxConns),
		slog.Int("max_conns_per_client", cfg.MaxConnsPerClient),
		slog.Int("questions_per_minute", cfg.QuestionsPerMinute),
		slog.Any("allowed_origins", origins),
		slog.Bool("token", cfg.Token != ""),
		slog.String("user_header", cfg.UserHeader),
		slog.Int("trusted_proxies", len(cfg.TrustedProxies)),
		slog.Bool("history", cfg.History != nil),
		slog.Int("extra_routes", len(cfg.Routes)),
	)
}

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.NewConversationID == nil {
		cfg.NewConversationID = randomID
	}

	orDefault(&cfg.MaxFrameBytes, DefaultMaxFrameBytes)
	orDefault(&cfg.MaxQuestionRunes, DefaultMaxQuestionRunes)
	orDefault(&cfg.WriteWait, DefaultWriteWait)
	orDefault(&cfg.PongWait, DefaultPongWait)
	orDefault(&cfg.PingPeriod, cfg.PongWait*9/10)
	orDefault(&cfg.MaxAnswersPerConn, DefaultMaxAnswersPerConn)
	orDefault(&cfg.MaxAnswers, DefaultMaxAnswers)
	orDefault(&cfg.MaxConns, DefaultMaxConns)
	orDefault(&cfg.MaxConnsPerClient, DefaultMaxConnsPerClient)
	orDefault(&cfg.QuestionsPerMinute, DefaultQuestionsPerMinute)
	orDefault(&cfg.MaxRateClients, DefaultMaxRateClients)

	return cfg
}

func orDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v == 0 {
		*v = def
	}
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

	minFrame := MinFrameBytes(cfg.MaxQuestionRunes)
	if cfg.MaxFrameBytes < minFrame {
		errs = append(errs, fmt.Errorf("MaxFrameBytes %d below %d, too small for a "+
			"question of MaxQuestionRunes runes", cfg.MaxFrameBytes, minFrame))
	}

	if n := cfg.MaxAnswersPerConn; n < 0 {
		errs = append(errs, fmt.Errorf("negative MaxAnswersPerConn %d", n))
	}
	if n := cfg.MaxRateClients; n < 0 {
		errs = append(errs, fmt.Errorf("negative MaxRateClients %d", n))
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

// Metrics returns the server's metrics.
func (s *Server) Metrics() *Metrics {
	return s.metrics
}

// Handler returns the handler of every route: "GET /" (the chat client),
// "GET /embed" (the chat for an iframe), "GET /widget.js" (the chat button for
// other sites' pages), "GET /static/" (their assets), "GET /healthz",
// "GET /readyz", "GET /metrics", "/ws" (the websocket) and the extra
// Config.Routes.
func (s *Server) Handler() http.Handler {
	return s.handler
}

// Shutdown stops the server's sessions: it refuses new ones, stops the running
// answers, which are kept as interrupted in the history and end with an error
// frame of code CodeInterrupted, and closes every session with a going-away
// (1001) close frame. It waits until the sessions have ended or ctx is done;
// then it drops the connections that remain and returns ctx's error.
// http.Server.Shutdown does not do this, because the sessions' connections are
// hijacked; call both.
func (s *Server) Shutdown(ctx context.Context) error {
	sessions := s.beginShutdown()
	s.log.Info("closing websocket sessions", keySessions, len(sessions))

	s.stopAnswers(errShuttingDown)
	answered := waitGroupDone(&s.answers)
	select {
	case <-answered:
	case <-ctx.Done():
	}

	var sent sync.WaitGroup
	for _, sess := range sessions {
		sent.Go(sess.goAway) // in parallel: a slow client delays only its own close
	}
	sent.Wait()

	select {
	case <-waitGroupDone(&s.active):
		return nil
	case <-ctx.Done():
		for _, sess := range sessions {
			_ = sess.conn.Close()
		}
		return fmt.Errorf("web: shutdown: %w", ctx.Err())
	}
}

// waitGroupDone returns a channel closed when wg's count reaches zero.
func waitGroupDone(wg *sync.WaitGroup) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()

	return done
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

// shuttingDown reports whether Shutdown has begun.
func (s *Server) shuttingDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.closing
}
