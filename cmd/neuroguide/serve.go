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

	srv, err := newWebServer(a, store, settings.web, log)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}

	fmt.Fprintf(stdout, "Neuroguide is ready: open http://%s/\n", ln.Addr())

	return listenAndServe(ctx, srv, ln, settings.shutdownWait, log)
}

// serveFlags applies serve's flags to cfg and checks the result.
func serveFlags(cfg Config, args []string, stderr io.Writer) (Config, serverSettings, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (NEUROGUIDE_ADDR)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return cfg, serverSettings{}, errUsage
	}

	if err := cfg.Validate(); err != nil {
		return cfg, serverSettings{}, err
	}
	settings, err := cfg.server()

	return cfg, settings, err
}

// openHistory opens the history database at path, or none when path is empty,
// and marks the turns a previous run left running as interrupted.
func openHistory(ctx context.Context, path string, log *slog.Logger) (*history.Store, error) {
	if path == "" {
		log.Info("history off: NEUROGUIDE_DB is empty")
		return nil, nil
	}

	store, err := history.Open(ctx, path)
	if err != nil {
		return nil, err
	}

	n, err := store.RecoverInterrupted(ctx)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	log.Info("history open", "path", path, "interrupted_turns", n)

	return store, nil
}

// newWebServer makes the chat server over the assistant, with the review page.
func newWebServer(a *app, store *history.Store, cfg web.Config, log *slog.Logger) (
	*web.Server, error) {
	review, err := web.ReviewHandler(a.review)
	if err != nil {
		return nil, err
	}

	cfg.Answerer = a.assistant
	cfg.Memory = a.assistant
	cfg.History = store
	cfg.Logger = log.With("component", "web")
	cfg.Routes = map[string]http.Handler{"GET " + assistant.ReviewPath: review}

	return web.New(cfg)
}

// listenAndServe serves on ln until ctx is cancelled, then shuts the server down
// within wait: running answers are kept as interrupted, the websocket sessions
// get a going-away close, the HTTP server drains.
func listenAndServe(ctx context.Context, srv *web.Server, ln net.Listener, wait time.Duration,
	log *slog.Logger) error {
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	failed := make(chan error, 1)
	go func() { failed <- hs.Serve(ln) }()

	select {
	case err := <-failed:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "wait", wait)
	done, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()

	err := errors.Join(srv.Shutdown(done), hs.Shutdown(done))
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}

	return err
}
