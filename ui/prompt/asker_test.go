package prompt

import (
	"strings"
	"testing"
)

func TestLineReaderOneLinePerRead(t *testing.T) {
	t.Parallel()
	lr := NewLineReader(strings.NewReader("a\nbb\n"))
	buf := make([]byte, 64)
	n, _ := lr.Read(buf)
	if string(buf[:n]) != "a\n" {
		t.Errorf("first read %q", buf[:n])
	}
	lr.Mark()
	n, _ = lr.Read(buf)
	if string(buf[:n]) != "bb\n" || lr.EndedSinceMark() {
		t.Errorf("second read %q", buf[:n])
	}
	lr.Mark()
	if n, err := lr.Read(buf); n != 0 || err == nil || !lr.EndedSinceMark() {
		t.Errorf("at the end: n %d, err %v, ended %v", n, err, lr.EndedSinceMark())
	}
}
