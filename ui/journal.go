package ui

import (
	"sync"

	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/watch"
)

// journalRecorder writes a create to the journal file, with where it went
// (profile, sandbox, endpoint) and the preset it came from, and keeps the
// accepted requests for the final statuses.
type journalRecorder struct {
	env    *Env
	sess   *Session
	preset string

	mu      sync.Mutex
	entries []presets.Entry
}

func newJournalRecorder(env *Env, sess *Session, preset string) *journalRecorder {
	return &journalRecorder{env: env, sess: sess, preset: preset}
}

// Record appends recs, fsynced, in one write.
func (j *journalRecorder) Record(recs ...presets.Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range recs {
		recs[i].Profile, recs[i].Sandbox, recs[i].Endpoint = j.sess.Profile, j.sess.Sandbox, j.sess.Endpoint
		recs[i].Preset = j.preset
		if recs[i].Type == presets.RecordSubmitted {
			j.entries = append(j.entries, presets.Entry{Record: recs[i]})
		}
	}
	return presets.Append(j.sess.Journal, recs...)
}

// final records what became of every instance of the requests so far.
func (j *journalRecorder) final(region string, sum watch.Summary) {
	j.mu.Lock()
	entries := append([]presets.Entry(nil), j.entries...)
	j.mu.Unlock()
	journalWatchFinal(j.env, j.sess, watchTarget{entries: entries}, region, sum)
}
