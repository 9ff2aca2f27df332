package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// serveWS checks the request's origin and token, upgrades it, and serves the
// websocket session until it ends. A refused request gets 403 and a log line
// with the reason; a connection over the limits gets an error frame and a
// try-again-later close.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	who := s.identify(r)
	if !s.originAllowed(r) {
		s.refuse(w, r, who, errOriginRefused)
		return
	}
	if err := s.checkToken(r); err != nil {
		s.refuse(w, r, who, err)
		return
	}

	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.log.Debug("websocket upgrade failed", keyRemoteAddr, r.RemoteAddr, keyErr, err)
		return // Upgrade has replied with an HTTP error
	}

	p := peer{conn: conn, who: who, id: randomID()}
	p.log = s.log.With(keySessionID, p.id, keyRequestID, requestID(r.Context()),
		keyRemoteAddr, who.addr, keyUser, who.user)
	if !s.conns.acquire(who.key()) {
		p.log.Warn("connection refused", keyReason, errTooManyConns.Error())
		s.metrics.refused.WithLabelValues(reasonLabel(errTooManyConns)).Inc()
		s.turnAway(conn, s.errorFrame("", errTooManyConns), websocket.CloseTryAgainLater)
		return
	}
	defer s.conns.release(who.key())

	s.serveSession(r.Context(), p)
}

// peer is the far end of an upgraded connection.
type peer struct {
	conn *websocket.Conn
	who  client
	id   string       // the session's id, in its logs and its hello frame
	log  *slog.Logger // names the session and the request that opened it
}

// serveSession runs the session of an upgraded connection.
func (s *Server) serveSession(ctx context.Context, p peer) {
	// The request's context lives until this handler returns, which is when the
	// session ends.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	sess := s.newSession(ctx, cancel, p)
	if !s.track(sess) {
		s.turnAway(p.conn, nil, websocket.CloseGoingAway)
		return
	}
	defer s.untrack(sess)

	s.metrics.connsTotal.Inc()
	s.metrics.connsOpen.Inc()
	defer s.metrics.connsOpen.Dec()

	sess.serve(ctx)
}

// turnAway sends f, if any, and a close frame of code on a connection no session
// serves, and closes it.
func (s *Server) turnAway(conn *websocket.Conn, f ServerFrame, code int) {
	deadline := time.Now().Add(s.cfg.WriteWait)
	if f != nil {
		_ = conn.SetWriteDeadline(deadline)
		_ = conn.WriteJSON(f)
	}

	msg := websocket.FormatCloseMessage(code, closeText(code))
	_ = conn.WriteControl(websocket.CloseMessage, msg, deadline)
	_ = conn.Close()
}

func closeText(code int) string {
	if code == websocket.CloseTryAgainLater {
		return "too many connections"
	}

	return "server shutting down"
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
