package sandbox

import (
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// Transition is a moment an instance changed status, by the sandbox's own
// clock: what a client's status panel tries to learn as soon as it can.
type Transition struct {
	InstanceID string
	Status     string // pending, running or error
	At         time.Time
}

// Timeline returns, for every instance the region still holds, the
// transitions that have happened by now: pending when it was created, then
// running or error when its boot ended. Measurements of time-to-know
// compare a client's reports with it.
func (s *Server) Timeline(region string) []Transition {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	nowNS := now.UnixNano()
	var out []Transition
	for _, in := range s.region(region).live() {
		out = append(out, Transition{in.id, apiclient.StatusPending, in.b.createdAt})
		if nowNS < in.bootAt {
			continue
		}
		out = append(out, Transition{in.id, in.statusAt(in.bootAt), time.Unix(0, in.bootAt)})
	}
	return out
}
