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
)

// shutdownWait is how long open answers and websocket sessions get to end
// after an interrupt before their connections are dropped.
const shutdownWait = 10 * time.Second

// serve runs the web chat until ctx is cancelled.
func serve(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on (NEUROGUIDE_ADDR)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}

	if err := cfg.Validate(); err != nil {
		return err
	}

	log := cfg.logger()
	log.Info("starting", cfg.logValues()...)

	a, err := build(ctx, cfg, log)
	if err != nil {
		return err
	}

	srv, err := newWebServer(a, log)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}

	fmt.Fprintf(stdout, "Neuroguide is ready: open http://%s/\n", ln.Addr())

	return listenAndServe(ctx, srv, ln, log)
}

// newWebServer makes the chat server over the assistant, with the review page.
func newWebServer(a *app, log *slog.Logger) (*web.Server, error) {
	review, err := web.ReviewHandler(a.review)
	if err != nil {
		return nil, err
	}

	return web.New(web.Config{
		Answerer: a.assistant,
		Logger:   log.With("component", "web"),
		Routes:   map[string]http.Handler{"GET " + assistant.ReviewPath: review},
	})
}

// listenAndServe serves on ln until ctx is cancelled, then shuts the server down: the
// websocket sessions get a going-away close, the HTTP server drains.
func listenAndServe(ctx context.Context, srv *web.Server, ln net.Listener, log *slog.Logger) error {
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	failed := make(chan error, 1)
	go func() { failed <- hs.Serve(ln) }()

	select {
	case err := <-failed:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down")
	done, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()

	err := errors.Join(srv.Shutdown(done), hs.Shutdown(done))
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}

	return err
}
