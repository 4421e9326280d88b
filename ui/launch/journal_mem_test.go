package launch

import (
	"sync"

	"github.com/cocvm/cocvm/presets"
)

// memJournal keeps journal records in memory.
type memJournal struct {
	mu   sync.Mutex
	recs []presets.Record
	fail error // returned by record when set
}

func (j *memJournal) Record(recs ...presets.Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fail != nil {
		return j.fail
	}
	j.recs = append(j.recs, recs...)
	return nil
}

// types are the record types in order.
func (j *memJournal) types() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []string
	for _, r := range j.recs {
		out = append(out, r.Type)
	}
	return out
}

// accepted are the instance ids of the submitted records.
func (j *memJournal) accepted() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []string
	for _, r := range j.recs {
		if r.Type == presets.RecordSubmitted {
			out = append(out, r.InstanceIDs...)
		}
	}
	return out
}
