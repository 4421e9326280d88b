package ui

import (
	"os"
	"testing"
)

// TestMain pins the language the tests' commands speak to English, whatever
// the locale of the machine running them: most tests read the process's
// environment (os.Getenv) and compare English words. The tests of the
// Chinese interface give their commands an environment of their own.
func TestMain(m *testing.M) {
	for _, k := range []string{"LANG", "LC_MESSAGES", "COCVM_LANG"} {
		os.Unsetenv(k)
	}
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}
