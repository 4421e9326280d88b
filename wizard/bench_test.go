package wizard

import "testing"

// The password is checked on every keystroke: the target for 26 characters
// is well under 5 µs.
const benchPassword = "Xk7!mPw9qHv4@nLz8Bd5$jQy2f" // 26 characters, valid

// benchBadPassword is 26 characters breaking most rules at once, the slow
// path that builds messages.
const benchBadPassword = "Adm987qwe#abcROOT1toor2xyz"

func BenchmarkCheckPassword(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = CheckPassword(benchPassword)
	}
}

func BenchmarkCheckPasswordInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = CheckPassword(benchBadPassword)
	}
}

func BenchmarkPasswordChecklist(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = PasswordChecklist(benchPassword)
	}
}

func BenchmarkPasswordChecklistInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = PasswordChecklist(benchBadPassword)
	}
}

func BenchmarkValidateFullDraft(b *testing.B) {
	d, f := fullDraft(), fullFacts()
	b.ReportAllocs()
	for b.Loop() {
		if ps := Validate(d, f); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}
