package theme

import "testing"

func TestWrapTextIndentsContinuations(t *testing.T) {
	t.Parallel()
	got := Wrap("✗ The keys do not work. The signature did not match.\n  Check the secret key that belongs to it.", 24)
	want := "✗ The keys do not work.\n  The signature did not\n  match.\n  Check the secret key\n  that belongs to it."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := "a long line that stays"; Wrap(s, 0) != s {
		t.Error("width 0 must leave text alone")
	}
}

func TestWrapTextKeepsHyphenatedWords(t *testing.T) {
	t.Parallel()
	got := Wrap("Checking the keys with one signed request to http://127.0.0.1:18089 (region cn-hongkong-11)…", 80)
	want := "Checking the keys with one signed request to http://127.0.0.1:18089 (region\ncn-hongkong-11)…"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
