package sandbox

import (
	"container/heap"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// tokenRecord is what a clientToken remembers: the request it came with
// (as a salted fingerprint, never the body: the body holds the password)
// and the ids it was answered with.
type tokenRecord struct {
	region      string
	fingerprint string
	ids         []string
	created     time.Time
}

func (s *Server) fingerprint(region string, canonical []byte) string {
	h := sha256.New()
	h.Write(s.salt)
	h.Write([]byte(region))
	h.Write([]byte{0})
	h.Write(canonical)
	return hex.EncodeToString(h.Sum(nil))
}

// forgetOldTokens drops tokens past TokenRetention, at most once a minute.
// Callers hold s.mu.
func (s *Server) forgetOldTokens(now time.Time) {
	if now.Sub(s.lastGC) < time.Minute {
		return
	}
	s.lastGC = now
	for t, rec := range s.tokens {
		if now.Sub(rec.created) > TokenRetention {
			delete(s.tokens, t)
		}
	}
}

// --- state file ---

const stateVersion = 1

type stateFile struct {
	Version   int             `json:"version"`
	SavedAt   time.Time       `json:"savedAt"`
	Salt      string          `json:"salt"`
	Seq       uint64          `json:"seq"`
	Batches   []stateBatch    `json:"batches"`
	Instances []stateInstance `json:"instances"`
	Tokens    []stateToken    `json:"tokens"`
}

type stateBatch struct {
	Region    string                 `json:"region"`
	Spec      apiclient.InstanceSpec `json:"spec"`
	CreatedAt time.Time              `json:"createdAt"`
}

type stateInstance struct {
	ID        string `json:"id"`
	Batch     int    `json:"batch"`
	Seq       uint64 `json:"seq"`
	BootAt    int64  `json:"bootAt"`
	Fail      bool   `json:"fail,omitempty"`
	PrivateIP string `json:"privateIp"`
	PublicIP  string `json:"publicIp,omitempty"`
}

type stateToken struct {
	Token       string    `json:"token"`
	Region      string    `json:"region"`
	Fingerprint string    `json:"fingerprint"`
	IDs         []string  `json:"ids"`
	Created     time.Time `json:"created"`
}

// snapshot encodes the state. Callers hold s.mu.
func (s *Server) snapshot() ([]byte, error) {
	st := stateFile{Version: stateVersion, SavedAt: s.now().UTC(), Salt: string(s.salt), Seq: s.seq,
		Batches: []stateBatch{}, Instances: []stateInstance{}, Tokens: []stateToken{}}
	batchIndex := map[*batch]int{}
	for _, id := range s.cat.order {
		rs := s.regions[id]
		if rs == nil {
			continue
		}
		for _, in := range rs.live() {
			bi, ok := batchIndex[in.b]
			if !ok {
				bi = len(st.Batches)
				batchIndex[in.b] = bi
				st.Batches = append(st.Batches, stateBatch{Region: in.b.region, Spec: in.b.spec, CreatedAt: in.b.createdAt})
			}
			si := stateInstance{ID: in.id, Batch: bi, Seq: in.seq, BootAt: in.bootAt, Fail: in.fail,
				PrivateIP: addrOf(in.privateIP).String()}
			if in.publicIP != 0 {
				si.PublicIP = addrOf(in.publicIP).String()
			}
			st.Instances = append(st.Instances, si)
		}
	}
	for t, rec := range s.tokens {
		st.Tokens = append(st.Tokens, stateToken{Token: t, Region: rec.region, Fingerprint: rec.fingerprint, IDs: rec.ids, Created: rec.created})
	}
	return json.Marshal(st)
}

// persist writes the newest state, if no newer one is already on disk. The
// encoding happens under s.mu, the slow write outside it, so describe calls
// are not held up by the disk.
func (s *Server) persist() error {
	if s.opts.StateFile == "" {
		return nil
	}
	s.mu.Lock()
	gen := s.gen
	data, err := s.snapshot()
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("sandbox: encode state: %w", err)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if gen <= s.writtenGen {
		return nil
	}
	if err := writeFileAtomic(s.opts.StateFile, data, 0o600); err != nil {
		return err
	}
	s.writtenGen = gen
	return nil
}

// writeFileAtomic replaces path with data so that a reader (or a restart
// after a crash) sees either the old file or the new one, never a torn
// write: temp file in the same directory, fsync, rename, fsync directory.
func writeFileAtomic(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sandbox: write state: %w", err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some file systems refuse to sync directories
		d.Close()
	}
	return nil
}

// load reads a state file written by snapshot. A missing file is a fresh
// start.
func (s *Server) load(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sandbox: read state: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("sandbox: state file %s is not valid: %w", path, err)
	}
	if st.Version != stateVersion {
		return fmt.Errorf("%w (%d in %s)", errStateVersion, st.Version, path)
	}
	if st.Salt != "" {
		s.salt = []byte(st.Salt)
	}
	s.seq = st.Seq
	batches := make([]*batch, len(st.Batches))
	for i, b := range st.Batches {
		if s.cat.regions[b.Region] == nil {
			return fmt.Errorf("sandbox: state file %s names unknown region %q", path, b.Region)
		}
		b.Spec.Password = ""
		batches[i] = newBatch(b.Region, b.Spec, b.CreatedAt)
	}
	for _, si := range st.Instances {
		if si.Batch < 0 || si.Batch >= len(batches) {
			return fmt.Errorf("sandbox: state file %s: instance %s has no batch", path, si.ID)
		}
		b := batches[si.Batch]
		rc := s.cat.regions[b.region]
		rs := s.region(b.region)
		sn := rc.subnetBy[b.spec.PrimaryNetworkInterface.SubnetID]
		priv, err1 := netip.ParseAddr(si.PrivateIP)
		if sn == nil || err1 != nil || !priv.Is4() {
			return fmt.Errorf("sandbox: state file %s: instance %s has no valid subnet address", path, si.ID)
		}
		in := &instance{id: si.ID, b: b, seq: si.Seq, bootAt: si.BootAt, fail: si.Fail, privateIP: be32(priv.As4())}
		if si.PublicIP != "" {
			pub, err := netip.ParseAddr(si.PublicIP)
			if err != nil || !pub.Is4() {
				return fmt.Errorf("sandbox: state file %s: instance %s has an invalid public address", path, si.ID)
			}
			in.publicIP = be32(pub.As4())
			s.public.used[in.publicIP] = struct{}{}
		}
		rs.byID[in.id] = in
		rs.used.add(b.per, 1)
		rs.order = append(rs.order, in)
		rs.reserveIP(sn, in.privateIP)
		if in.fail {
			heap.Push(&s.doomed, in)
		} else {
			rs.typeUse[typeKey(b.spec.InstanceType, b.spec.Az)]++
		}
	}
	for _, rs := range s.regions {
		sortBySeq(rs.order)
	}
	for _, t := range st.Tokens {
		s.tokens[t.Token] = &tokenRecord{region: t.Region, fingerprint: t.Fingerprint, ids: t.IDs, created: t.Created}
	}
	s.writtenGen = 0
	return nil
}
