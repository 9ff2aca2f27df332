package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/web"
	"github.com/neuroguide/neuroguide/web/history"
)

// serve runs the web chat until ctx is cancelled.
func serve(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	cfg, settings, err := serveFlags(cfg, args, stderr)
	if err != nil {
		return err
	}

	log := cfg.logger()
	log.Info("starting", cfg.logValues()...)
	if len(cfg.unknown) > 0 {
		log.Warn("unknown settings ignored", "names", strings.Join(cfg.unknown, ","))
	}

	a, err := build(ctx, cfg, log)
	if err != nil {
		return err
	}

	store, err := openHistory(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	if store != nil {
		defer store.Close()
	}

	settings.web.Logger = log.With("component", "web")
	srv, err := a.webServer(settings.web, store)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}

	fmt.Fprintf(stdout, "Neuroguide is ready: open http://%s/\n", ln.Addr())
	l := listener{srv: srv, ln: ln, shutdownWait: settings.shutdownWait, log: log}

	return l.serve(ctx)
}

// serveFlags applies serve's flags to cfg and checks the result.
func serveFlags(cfg Config, args []string, stderr io.Writer) (Config, serverSettings, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (NEUROGUIDE_ADDR)")
	if err := fs.Parse(args); err != nil {
		return cfg, serverSettings{}, errUsage
	}
	if fs.NArg() > 0 {
		return cfg, serverSettings{}, unexpectedArgs(stderr, "serve", usageServe, fs.Args())
	}

	if err := cfg.Validate(); err != nil {
		return cfg, serverSettings{}, err
	}
	settings, err := cfg.server()

	return cfg, settings, err
}

// openHistory opens the history database at path, or none when path is
// historyOff, and marks the turns a previous run left running as interrupted.
func openHistory(ctx context.Context, path string, log *slog.Logger) (*history.Store, error) {
	if path == historyOff {
		log.Info("history off: NEUROGUIDE_DB is off")
		return nil, nil
	}

	store, err := history.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("NEUROGUIDE_DB %q: %w", path, err)
	}

	n, err := store.RecoverInterrupted(ctx)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	log.Info("history open", "path", path, "interrupted_turns", n)

	return store, nil
}

// webServer makes the chat server over the assistant, with the review page and
// the history store (nil for none); cfg gives its settings and logger.
func (a *app) webServer(cfg web.Config, store *history.Store) (*web.Server, error) {
	review, err := web.ReviewHandler(a.review)
	if err != nil {
		return nil, err
	}

	cfg.Answerer = a.assistant
	cfg.Memory = a.assistant
	cfg.History = store
	cfg.Routes = map[string]http.Handler{"GET " + assistant.ReviewPath: review}

	return web.New(cfg)
}

// listener is the chat server on its listening socket.
type listener struct {
	srv *web.Server
	ln  net.Listener

	// shutdownWait is how long a shutdown waits for sessions and requests.
	shutdownWait time.Duration
	log          *slog.Logger
}

// serve serves until ctx is cancelled, then shuts the server down within
// shutdownWait: running answers are kept as interrupted, the websocket
// sessions get a going-away close, the HTTP server drains.
func (l listener) serve(ctx context.Context) error {
	hs := &http.Server{Handler: l.srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	failed := make(chan error, 1)
	go func() { failed <- hs.Serve(l.ln) }()

	select {
	case err := <-failed:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	l.log.Info("shutting down", "wait", l.shutdownWait)
	done, cancel := context.WithTimeout(context.Background(), l.shutdownWait)
	defer cancel()

	err := errors.Join(l.srv.Shutdown(done), hs.Shutdown(done))
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}

	return err
}
