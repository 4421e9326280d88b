package body

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
)

// Targets: a 1 MiB body read and checked in under 50 ms; a 100 MB input
// refused in under 100 ms with under 30 MB of heap.

// groupsBody is a well-formed body of about size bytes: the minimal body
// with thousands of security groups, so that every value is read and every
// rule runs.
func groupsBody(tb testing.TB, size int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"instanceSpec": {"az": "cn-hongkong-11a", "instanceType": "g.n2.large", "imageId": "img-1",` +
		` "name": "web", "systemDisk": {"diskType": "ssd.gp1"}, "primaryNetworkInterface": {"vpcId": "vpc-1",` +
		` "subnetId": "subnet-1", "securityGroups": [`)
	for i := 0; sb.Len() < size-100; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		sb.WriteString(`{"groupId": "sg-` + strconv.Itoa(i) + `", "groupName": "g"}`)
	}
	sb.WriteString("]}}}")
	if sb.Len() > MaxSize {
		tb.Fatalf("body of %d bytes", sb.Len())
	}
	return []byte(sb.String())
}

// keysBody is about size bytes of unknown keys, each a problem: the shape
// of the 500,000-key file that took 27.5 s.
func keysBody(size int) []byte {
	var sb strings.Builder
	sb.WriteString("{")
	for i := 0; sb.Len() < size-20; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		sb.WriteString(`"k` + strconv.Itoa(i) + `": 1`)
	}
	sb.WriteString("}")
	return []byte(sb.String())
}

func benchmarkCheck(b *testing.B, data []byte, wantProblems bool) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		body, err := Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		ps := body.Check()
		if wantProblems != (len(ps) > 0) {
			b.Fatalf("%d problems", len(ps))
		}
		shown, _ := Listed(ps)
		for _, p := range shown {
			_ = p.String()
		}
	}
}

func BenchmarkCheck1MiBGroups(b *testing.B) { benchmarkCheck(b, groupsBody(b, MaxSize), false) }

func BenchmarkCheck1MiBUnknownKeys(b *testing.B) { benchmarkCheck(b, keysBody(MaxSize), true) }

func BenchmarkCheckSeedExample(b *testing.B) {
	benchmarkCheck(b, readFile(b, "testdata/seed-example.txt"), true)
}

func BenchmarkCheckFullBody(b *testing.B) {
	benchmarkCheck(b, readFile(b, "../testdata/full.json"), false)
}

// endless yields n bytes of a body that never closes: '{' and then keys, as
// a 100 MB file would.
type endless struct{ n, off int }

func (r *endless) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	const unit = `"key": "value", `
	k := min(len(p), r.n-r.off)
	for i := range p[:k] {
		if r.off+i == 0 {
			p[i] = '{'
		} else {
			p[i] = unit[(r.off+i-1)%len(unit)]
		}
	}
	r.off += k
	return k, nil
}

func BenchmarkRefuse100MB(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(&endless{n: 100 << 20}); !errors.Is(err, ErrTooLarge) {
			b.Fatal(err)
		}
	}
}
