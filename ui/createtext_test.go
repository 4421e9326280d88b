package ui

import (
	"strings"
	"testing"
)

// A failed instance's reason goes under the table, not in the STATUS
// column, followed by the command that creates only the failed ones again.
func TestCreateYesTextKeepsColumnsAndRetriesTheFailed(t *testing.T) {
	t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "1")
	args := append([]string{"--sandbox", "create", "--yes", "--count", "2"}, validFlags...)
	out, errOut, code := runCLI(t, "", args...)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 5 || !strings.HasPrefix(lines[0], "INSTANCE") {
		t.Fatalf("stdout:\n%s", out)
	}
	width := len(lines[0])
	for _, row := range lines[1:3] {
		if !strings.Contains(row, " failed ") || strings.Contains(row, "(") {
			t.Errorf("row %q: want the one word failed in STATUS", row)
		}
		if len(row) > width+2 {
			t.Errorf("row %q is wider than the header %q", row, lines[0])
		}
	}
	if lines[3] != "" || !strings.HasPrefix(lines[4], "i-") || !strings.Contains(lines[4], ": went to error") {
		t.Errorf("want the reasons under the table, one per instance:\n%s", out)
	}
	want := "cocvm: 2 instances failed to start. To create 2 more in cn-hongkong-11a:\n  cocvm create "
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "--count 2") {
		t.Errorf("stderr lacks %q with --count 2:\n%s", want, errOut)
	}
	if strings.Contains(errOut, "created 2 of 2") {
		t.Errorf("one zone, nothing missing: no created line wanted:\n%s", errOut)
	}
}
